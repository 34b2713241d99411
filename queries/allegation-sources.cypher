// Question: Which sources allege, corroborate or dispute each allegation?
// Params: none
// Columns: allegation, status, alleging, corroborating, disputing, id
MATCH (a:Allegation)
OPTIONAL MATCH (s1)-[:ALLEGES]->(a)
WITH a, s1 ORDER BY s1.name
WITH a, collect(DISTINCT s1.name) AS alleging
OPTIONAL MATCH (s2)-[:CORROBORATES]->(a)
WITH a, alleging, s2 ORDER BY s2.name
WITH a, alleging, collect(DISTINCT s2.name) AS corroborating
OPTIONAL MATCH (s3)-[:DISPUTES]->(a)
WITH a, alleging, corroborating, s3 ORDER BY s3.name
WITH a, alleging, corroborating, collect(DISTINCT s3.name) AS disputing
RETURN a.name AS allegation, a.status AS status, alleging, corroborating, disputing, a.id AS id
ORDER BY allegation, id
