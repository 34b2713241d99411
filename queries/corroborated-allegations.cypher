// Question: Which allegations are backed by at least $min_sources independent sources (distinct sources that allege or corroborate them)?
// Param: min_sources = 2
// Columns: allegation, status, source_count, sources, id
MATCH (s)-[:ALLEGES|CORROBORATES]->(a:Allegation)
WITH a, s ORDER BY s.name
WITH a, collect(DISTINCT s.name) AS sources, count(DISTINCT s) AS source_count
WHERE source_count >= $min_sources
RETURN a.name AS allegation, a.status AS status, source_count, sources, a.id AS id
ORDER BY source_count DESC, allegation, id
