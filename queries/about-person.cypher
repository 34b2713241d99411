// Question: What is said about a person: each allegation about them, and which source takes which stance on it in how many sentences?
// Param: person = "Donald Trump"   (a name, alias or node id; case does not matter)
// Columns: person, allegation, status, stance, source, sentences
MATCH (a:Allegation)-[:ABOUT]->(p:Person)
WHERE p.id = $person OR toLower(p.name) = toLower($person) OR any(x IN p.aliases WHERE toLower(x) = toLower($person))
MATCH (s)-[r:ALLEGES|CORROBORATES|DISPUTES]->(a)
RETURN p.name AS person, a.name AS allegation, a.status AS status, type(r) AS stance, s.name AS source,
       size(r.evidence_texts) AS sentences
ORDER BY person, allegation, stance, source
