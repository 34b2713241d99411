// Question: Who is or was a member of an agency (or organisation), in what role?
// Param: agency = "KGB"   (a name, alias or node id; case does not matter)
// Columns: agency, member, role, former, sentences
MATCH (p:Person)-[r:MEMBER_OF]->(g)
WHERE g.id = $agency OR toLower(g.name) = toLower($agency) OR any(x IN g.aliases WHERE toLower(x) = toLower($agency))
RETURN g.name AS agency, p.name AS member, r.role AS role, r.former AS former, size(r.evidence_texts) AS sentences
ORDER BY agency, member
