// Question: Which allegations does some source dispute, who disputes them and who backs them?
// Params: none
// Columns: allegation, status, disputing, supporting, id
MATCH (d)-[:DISPUTES]->(a:Allegation)
WITH a, d ORDER BY d.name
WITH a, collect(DISTINCT d.name) AS disputing
OPTIONAL MATCH (s)-[:ALLEGES|CORROBORATES]->(a)
WITH a, disputing, s ORDER BY s.name
WITH a, disputing, collect(DISTINCT s.name) AS supporting
RETURN a.name AS allegation, a.status AS status, disputing, supporting, a.id AS id
ORDER BY allegation, id
