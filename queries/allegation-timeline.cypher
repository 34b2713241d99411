// Question: When was each allegation first reported, which sources took a stance on it in order of publication, and what is its status?
// Params: none
// Columns: allegation, status, first_reported, sources, id
// Each source is {source, stance, published}: a stance edge and the earliest publication date of its
// evidence (null when its documents carry no date). Allegations and sources without a date come last.
MATCH (s)-[r:ALLEGES|CORROBORATES|DISPUTES]->(a:Allegation)
WITH a, s, r, [p IN coalesce(r.evidence_published, []) WHERE p <> ''] AS dates
WITH a, s, r, CASE WHEN size(dates) = 0 THEN null
                   ELSE reduce(m = dates[0], p IN dates | CASE WHEN p < m THEN p ELSE m END) END AS published
WITH a, s, r, published, CASE WHEN published IS NULL THEN 1 ELSE 0 END AS undated
ORDER BY undated, published, s.name, type(r)
WITH a, collect({source: s.name, stance: type(r), published: published}) AS sources
WITH a, sources, CASE WHEN a.first_reported IS NULL THEN 1 ELSE 0 END AS undated
RETURN a.name AS allegation, a.status AS status, a.first_reported AS first_reported, sources, a.id AS id
ORDER BY undated, first_reported, allegation, id
