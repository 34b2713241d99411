// Question: What is a source's profile: the allegations it alleges, corroborates or disputes, and the agencies and organisations it belongs to?
// Param: source = "Yuri Shvets"   (a name, alias or node id; case does not matter)
// Columns: source, relation, target, target_label, role, former, sentences
MATCH (s)-[r:ALLEGES|CORROBORATES|DISPUTES|MEMBER_OF]->(t)
WHERE s.id = $source OR toLower(s.name) = toLower($source) OR any(x IN s.aliases WHERE toLower(x) = toLower($source))
RETURN s.name AS source, type(r) AS relation, t.name AS target, labels(t)[0] AS target_label,
       r.role AS role, r.former AS former, size(r.evidence_texts) AS sentences
ORDER BY source, relation, target
