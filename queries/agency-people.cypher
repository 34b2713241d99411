// Question: Which people are linked to an agency through allegations (allegations that involve both, as subject or as source)?
// Param: agency = "KGB"   (a name, alias or node id; case does not matter)
// Columns: agency, agency_link, allegation, person, person_link
MATCH (g:Agency)-[rg:ABOUT|ALLEGES|CORROBORATES|DISPUTES]-(a:Allegation)
WHERE g.id = $agency OR toLower(g.name) = toLower($agency) OR any(x IN g.aliases WHERE toLower(x) = toLower($agency))
MATCH (p:Person)-[rp:ABOUT|ALLEGES|CORROBORATES|DISPUTES]-(a)
RETURN g.name AS agency, type(rg) AS agency_link, a.name AS allegation, p.name AS person, type(rp) AS person_link
ORDER BY agency, person, allegation, person_link, agency_link
