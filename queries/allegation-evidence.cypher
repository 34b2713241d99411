// Question: Which sentences, in which documents, back or dispute an allegation?
// Param: allegation = "allegation:donald-trump:recruitment"   (a node id, or words from the allegation's name)
// Columns: allegation, stance, source, document, char_start, char_end, sentence
MATCH (s)-[r:ALLEGES|CORROBORATES|DISPUTES]->(a:Allegation)
WHERE a.id = $allegation OR toLower(a.name) CONTAINS toLower($allegation)
UNWIND range(0, size(r.evidence_texts) - 1) AS i
RETURN a.name AS allegation, type(r) AS stance, s.name AS source, r.evidence_documents[i] AS document,
       r.evidence_starts[i] AS char_start, r.evidence_ends[i] AS char_end, r.evidence_texts[i] AS sentence
ORDER BY allegation, document, char_start, stance, source
