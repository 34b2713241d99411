// Question: Which documents mention a person, agency, organisation or place, and how often?
// Param: entity = "KGB"   (a name, alias or node id; case does not matter)
// Columns: entity, label, document, title, mentions
MATCH (e)-[m:MENTIONED_IN]->(d:Document)
WHERE e.id = $entity OR toLower(e.name) = toLower($entity) OR any(x IN e.aliases WHERE toLower(x) = toLower($entity))
RETURN e.name AS entity, labels(e)[0] AS label, d.path AS document, d.title AS title, m.mentions AS mentions
ORDER BY entity, label, document
