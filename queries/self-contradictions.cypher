// Question: Which sources contradict themselves, both backing and disputing the same allegation?
// Params: none
// Columns: source, allegation, supports, support_documents, dispute_documents
MATCH (s)-[r1:ALLEGES|CORROBORATES]->(a:Allegation)<-[r2:DISPUTES]-(s)
RETURN s.name AS source, a.name AS allegation, type(r1) AS supports,
       r1.evidence_documents AS support_documents, r2.evidence_documents AS dispute_documents
ORDER BY source, allegation, supports
