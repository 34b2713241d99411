"""Who alleges, backs or disputes what about whom, one construction per case: accusation frames, legal
language, quotes, references back, coreference. The texts are written for these tests; none comes
from the sample corpus or any real article."""
from __future__ import annotations

import pytest

from conftest import stance_edges

VEGA = "Ramon Vega"

CASES = [
    # --- accusation frames and legal language
    pytest.param("The city prosecutor, Helen Brandt, accused Marco Vidal of laundering money for the cartel.",
                 {("Helen Brandt", "ALLEGES", "Marco Vidal")}, id="accused-of"),
    pytest.param("The Justice Department charged Ivan Petrov with hacking the election commission.",
                 {("Department of Justice", "ALLEGES", "Ivan Petrov")}, id="charged-with"),
    pytest.param("Anna Kessler sued Northwind Capital for fraud on Tuesday, alleging that the bank hid losses.",
                 {("Anna Kessler", "ALLEGES", "Northwind Capital")}, id="sued-for"),
    pytest.param("The Justice Department filed a lawsuit against Victor Hale, alleging he had leaked classified files.",
                 {("Department of Justice", "ALLEGES", "Victor Hale")}, id="lawsuit-filed-against"),
    pytest.param("The Treasury Department sanctioned Ruben Ortega for drug trafficking. Ortega was also designated "
                 "for laundering the proceeds.", {("Treasury Department", "ALLEGES", "Ruben Ortega")},
                 id="passive-frame-is-the-accusers"),
    pytest.param("Federal prosecutors charged Dana Whitlock with bribery last year. Whitlock allegedly took $2 million "
                 "from a developer.", set(), id="unnamed-accuser-gives-no-stance"),
    pytest.param("Harold Price was charged in the case.", set(), id="charge-without-act-holds-nothing"),
    pytest.param("Lena Moretti pointed to Paolo Ferri as the mastermind of the scheme.",
                 {("Lena Moretti", "ALLEGES", "Paolo Ferri")}, id="pointed-to-as"),
    pytest.param("According to the Justice Department, Tomas Rey and Ivo Blanc are accused of stealing trade secrets.",
                 {("Department of Justice", "ALLEGES", "Tomas Rey"), ("Department of Justice", "ALLEGES", "Ivo Blanc")},
                 id="accused-according-to"),
    # --- denials and pleas
    pytest.param("Prosecutors in Lima say Ramon Vega took bribes from the builder. Ramon Vega has denied taking "
                 "bribes.", {("Ramon Vega", "DISPUTES", VEGA)}, id="denied-taking"),
    pytest.param("Jorge Sanchez told investigators that the company donated $3 million to Ramon Vega's campaign, "
                 "which Vega denies.", {("Jorge Sanchez", "ALLEGES", VEGA), ("Ramon Vega", "DISPUTES", VEGA)},
                 id="which-he-denies"),
    pytest.param("Ruth Adler accused Simon Kowalski of fraud. Kowalski denied the allegations.",
                 {("Ruth Adler", "ALLEGES", "Simon Kowalski"), ("Simon Kowalski", "DISPUTES", "Simon Kowalski")},
                 id="denied-the-allegations"),
    pytest.param("Ruth Adler accused Simon Kowalski of fraud. Kowalski has pleaded not guilty.",
                 {("Ruth Adler", "ALLEGES", "Simon Kowalski"), ("Simon Kowalski", "DISPUTES", "Simon Kowalski")},
                 id="pleaded-not-guilty"),
    pytest.param("Mark Halloran, who denies any wrongdoing, resigned from the board on Friday.",
                 {("Mark Halloran", "DISPUTES", "Mark Halloran")}, id="denies-any-wrongdoing"),
    pytest.param("Paul Ito said he had never accepted a bribe.", {("Paul Ito", "DISPUTES", "Paul Ito")},
                 id="never-did-it"),
    pytest.param("Sara Lind accused Tom Baker of fraud. Walter Finch said the allegations were baseless.",
                 {("Sara Lind", "ALLEGES", "Tom Baker"), ("Walter Finch", "DISPUTES", "Tom Baker")},
                 id="allegations-were-baseless"),
    pytest.param("Sara Lind accused the Riverside Police Department of brutality. Robert Kane, the chief of the "
                 "Riverside Police Department, later defended his officers.",
                 {("Sara Lind", "ALLEGES", "Riverside Police Department"),
                  ("Robert Kane", "DISPUTES", "Riverside Police Department")}, id="defended-his-officers"),
    # --- sources through coreference
    pytest.param("Maria Ortiz is a former police officer. She said that Carl Weber had bribed the mayor.",
                 {("Maria Ortiz", "ALLEGES", "Carl Weber")}, id="she-said"),
    pytest.param("Henry Cole met Maria Ortiz in Vienna. She said that Carl Weber had bribed the mayor.",
                 {("Maria Ortiz", "ALLEGES", "Carl Weber")}, id="she-is-not-the-man-named-last"),
    pytest.param("Kestrel Bank hired auditors last year. The company said that Arnold Pryce had embezzled funds.",
                 {("Kestrel Bank", "ALLEGES", "Arnold Pryce")}, id="the-company-said"),
    pytest.param("The Senate Ethics Committee published a report on Monday. The report said that Senator Lydia Marsh "
                 "had taken bribes.", {("Senate Ethics Committee", "ALLEGES", "Lydia Marsh")}, id="the-report-said"),
    pytest.param("“Northwind Capital kept two sets of books. It defrauded its investors for years,” said Anna Kessler.",
                 {("Anna Kessler", "ALLEGES", "Northwind Capital")}, id="quote-over-two-sentences"),
    pytest.param("Ruth Adler accused Maria Lopez of taking bribes. Lopez was blunt. “I never took bribes from anyone,” "
                 "she said.", {("Ruth Adler", "ALLEGES", "Maria Lopez"), ("Maria Lopez", "DISPUTES", "Maria Lopez")},
                 id="i-in-a-quote-is-the-speaker"),
    pytest.param("A former KGB officer has alleged that the GRU recruited Mark Feldman.", set(),
                 id="unnamed-member-is-no-source"),
    pytest.param("VIENNA, March 3 - A former officer said that the GRU recruited Mark Feldman.", set(),
                 id="dateline-is-no-source"),
    pytest.param("A Kremlin spokesman said that Mark Feldman had spied for the CIA.",
                 {("Kremlin", "ALLEGES", "Mark Feldman")}, id="unnamed-spokesman-speaks-for-the-body"),
    pytest.param("Former KGB Major Ivan Lesko is quoted as saying that the KGB had recruited Mark Feldman.",
                 {("Ivan Lesko", "ALLEGES", "Mark Feldman")}, id="quoted-as-saying"),
    # --- who the claim is about
    pytest.param("Laura Chen said Kremlin hackers attacked the Senate network.", {("Laura Chen", "ALLEGES", "Kremlin")},
                 id="named-owner-of-unnamed-doers"),
    pytest.param("Laura Chen said the GRU hacked the Democratic National Committee.",
                 {("Laura Chen", "ALLEGES", "GRU")}, id="victim-is-not-the-subject"),
    pytest.param("Jorge Castillo said the GRU recruited Mark Feldman.", {("Jorge Castillo", "ALLEGES", "Mark Feldman")},
                 id="recruited-is-about-the-recruit"),
    pytest.param("Laura Chen said that Hanna Weiss bribed Senator Mark Doyle.",
                 {("Laura Chen", "ALLEGES", "Hanna Weiss"), ("Laura Chen", "ALLEGES", "Mark Doyle")},
                 id="a-bribe-has-two-sides"),
    pytest.param("Laura Chen said that Greyhound Group was a front for the intelligence service.",
                 {("Laura Chen", "ALLEGES", "Greyhound Group")}, id="accusatory-predicate"),
    pytest.param("Laura Chen said that Tim Moss visited Berlin in May.", set(), id="plain-report-is-no-allegation"),
    pytest.param("Laura Chen said there was no evidence that Tim Moss had hacked the network.",
                 {("Laura Chen", "DISPUTES", "Tim Moss")}, id="no-evidence-that"),
    pytest.param("Laura Chen said it was unlikely that Tim Moss had misled investors.",
                 {("Laura Chen", "DISPUTES", "Tim Moss")}, id="unlikely-that"),
    pytest.param("Walter Finch said Tim Moss is innocent and the charges were politically motivated.",
                 set(), id="praise-with-no-claim-before"),
    # --- backing up
    pytest.param("Sara Lind accused Tom Baker of fraud. Walter Finch backed up Lind's account.",
                 {("Sara Lind", "ALLEGES", "Tom Baker"), ("Walter Finch", "CORROBORATES", "Tom Baker")},
                 id="backed-up-the-owners-account"),
    pytest.param("Sara Lind said that Tom Baker had hacked the city's servers. Nora Diaz also said that Baker had "
                 "hacked the city's servers.", {("Sara Lind", "ALLEGES", "Tom Baker"), ("Nora Diaz", "CORROBORATES", "Tom Baker")},
                 id="also-said"),
    # --- denials of one's own conduct and beliefs
    pytest.param("The Justice Ministry said Bruno Salas took bribes from the builder. Salas told reporters that he had "
                 "never demanded nor received a bribe.",
                 {("Justice Ministry", "ALLEGES", "Bruno Salas"), ("Bruno Salas", "DISPUTES", "Bruno Salas")},
                 id="never-this-nor-that"),
    pytest.param("Ivo Lenz said the builder financed the campaign of Mara Quist. Quist says that she had nothing "
                 "whatever to do with her campaign's funds.",
                 {("Ivo Lenz", "ALLEGES", "Mara Quist"), ("Mara Quist", "DISPUTES", "Mara Quist")},
                 id="financed-then-nothing-to-do-with"),
    pytest.param("Ruth Adler accused Simon Kowalski of fraud. Kowalski said he was only advising the buyers.",
                 {("Ruth Adler", "ALLEGES", "Simon Kowalski"), ("Simon Kowalski", "DISPUTES", "Simon Kowalski")},
                 id="the-accused-own-account"),
    pytest.param("Paul Ito revealed that he didn't believe Carl Weber ordered the killing.",
                 {("Paul Ito", "DISPUTES", "Carl Weber")}, id="did-not-believe-that"),
    pytest.param("Sara Lind said Tom Baker and Eva Baker took bribes from the builder. Nora Diaz said Tom Baker took "
                 "bribes from him.", {("Sara Lind", "ALLEGES", "Tom Baker"), ("Sara Lind", "ALLEGES", "Eva Baker"),
                                 ("Nora Diaz", "ALLEGES", "Tom Baker"), ("Nora Diaz", "ALLEGES", "Eva Baker")},
                 id="one-of-the-accused-is-the-same-allegation"),

    # --- names the model cut short or joined
    pytest.param("Prosecutors charged Ali Rezaei and Omid Karimi with hacking the voter rolls. Rezaei and Karimi were "
                 "also sanctioned on Tuesday by the US Treasury Department.",
                 {("Treasury Department", "ALLEGES", "Ali Rezaei"), ("Treasury Department", "ALLEGES", "Omid Karimi")},
                 id="head-word-outside-the-mention"),
    pytest.param("Ramon Vega and his wife, Maria Lopez, are in jail. Jorge Sanchez told investigators that the "
                 "builder paid bribes to Vega's campaign, which Vega and Lopez deny.",
                 {("Jorge Sanchez", "ALLEGES", VEGA), ("Ramon Vega", "DISPUTES", VEGA), ("Maria Lopez", "DISPUTES", VEGA),
                  # denying it with the accused makes her accused too
                  ("Jorge Sanchez", "ALLEGES", "Maria Lopez"), ("Ramon Vega", "DISPUTES", "Maria Lopez"),
                  ("Maria Lopez", "DISPUTES", "Maria Lopez")},
                 id="a-surname-in-a-pair-the-model-left-untagged"),
    pytest.param("A judge ordered the arrest of former President Alejandro Lima. Lima, who denies any wrongdoing, lives "
                 "abroad.", {("Alejandro Lima", "DISPUTES", "Alejandro Lima")}, id="a-city-name-as-surname"),
    pytest.param("Ruth Adler accused Simon Kowalski of fraud. Kowalski threatened to sue Adler for defamation.",
                 {("Ruth Adler", "ALLEGES", "Simon Kowalski")}, id="a-threat-to-sue-is-no-accusation"),
    pytest.param("Ruth Adler accused Simon Kowalski of fraud. Eva Stone and other aides were later arrested on "
                 "bribery charges.", {("Ruth Adler", "ALLEGES", "Simon Kowalski")}, id="a-persons-charge-is-no-police-charge"),

    # --- bodies and events by description
    pytest.param("The Israel Defense Forces spoke of a raid. Nadia Haddad said that Israeli forces had tortured her "
                 "brother.", {("Nadia Haddad", "ALLEGES", "Israel Defense Forces")}, id="a-countrys-forces"),
    pytest.param("Two reporters were killed in an Israeli airstrike. The Israel Defense Forces said one was a militant. "
                 "The Union of Reporters criticized the strike.",
                 {("Union of Reporters", "ALLEGES", "Israel Defense Forces")}, id="condemning-a-wrong-alleges-it"),
    pytest.param("The Israel Defense Forces raided the camp on Monday. Omar Nasser said Israeli troops beat him in "
                 "custody. The Israel Defense Forces denied it. The Union of Reporters also condemned the beating.",
                 {("Omar Nasser", "ALLEGES", "Israel Defense Forces"), ("Israel Defense Forces", "DISPUTES", "Israel Defense Forces"),
                  ("Union of Reporters", "CORROBORATES", "Israel Defense Forces")}, id="also-condemned"),
    pytest.param("The Union of Reporters denounced what it said was censorship.", set(), id="condemned-what-it-claimed"),

    pytest.param("Lena Moretti revealed that the Vornex Group hacked the phones of Ivo Blanc, a lawyer for Tom Baker's "
                 "party.", {("Lena Moretti", "ALLEGES", "Vornex Group")}, id="the-owner-inside-a-victims-phrase-is-no-doer"),
    pytest.param("Lena Moretti said the People's Republic of China hacked the ministry.", set(),
                 id="a-country-with-a-possessive-in-its-name-is-a-place"),

    pytest.param("Attorney General Ann Cole opposes a pardon for Tom Reed. \"He was a traitor and he sold our secrets,\" "
                 "Ann Cole told reporters.", {("Ann Cole", "ALLEGES", "Tom Reed")}, id="he-in-a-quote-is-not-its-speaker"),

    pytest.param("The Riverside Police Department said it arrested six activists on Tuesday. Two of them, Ana Ruiz "
                 "and Tom Li, face charges of arson.",
                 {("Riverside Police Department", "ALLEGES", "Ana Ruiz"), ("Riverside Police Department", "ALLEGES", "Tom Li")},
                 id="charges-after-an-arrest-are-the-arresting-bodys"),
    pytest.param("Ruth Adler accused Simon Kowalski of fraud. Kowalski said he called the bank and asked for the files.",
                 {("Ruth Adler", "ALLEGES", "Simon Kowalski")}, id="the-accused-telling-what-he-did-is-no-denial"),

    pytest.param("The Justice Department charged two Iranian nationals with hacking voter sites. The two suspects, "
                 "Ali Rezaei and Omid Karimi, are at large.",
                 {("Department of Justice", "ALLEGES", "Ali Rezaei"), ("Department of Justice", "ALLEGES", "Omid Karimi")},
                 id="a-numbered-group-named-after"),

    pytest.param("Zentra Labs said it has observed attempts by the Vornex Group to break into the email accounts of "
                 "campaign staff.", {("Zentra Labs", "ALLEGES", "Vornex Group")}, id="observed-attempts-by"),
    pytest.param("Lena Moretti denied that Ivo Blanc and Tom Baker were ever targets of the Vornex Group.",
                 {("Lena Moretti", "DISPUTES", "Vornex Group")}, id="were-targets-of"),
    pytest.param("Ann Cole studies prisons. The Amnesty International report shows that the Vornex Group tortured "
                 "detainees, Ann Cole said.",
                 {("Amnesty International", "ALLEGES", "Vornex Group"), ("Ann Cole", "CORROBORATES", "Vornex Group")},
                 id="citing-what-anothers-report-shows"),
    pytest.param("Sara Lind accused Tom Baker of leaking secrets. But prosecutors working for the Justice Department "
                 "decided not to prosecute Mr Baker.",
                 {("Sara Lind", "ALLEGES", "Tom Baker"), ("Department of Justice", "DISPUTES", "Tom Baker")},
                 id="decided-not-to-prosecute"),

    pytest.param("Paul Ito met Carl Weber in May. Ito noted that Weber denied any involvement in the killing.",
                 {("Carl Weber", "DISPUTES", "Carl Weber")}, id="reporting-a-denial-alleges-nothing"),
    pytest.param("Amnesty International published a report on the war. The report said the Security Council should "
                 "sanction the commanders responsible for the atrocities.", set(), id="a-recommendation-is-no-claim"),
    pytest.param("Ann Cole spoke on Monday. \"The Treasury Department's action shows that power does not protect "
                 "anyone who engages in drug trafficking,\" said Ann Cole, director of the Treasury Department.", set(),
                 id="a-director-on-her-own-bodys-work"),

    pytest.param("Ivan Sorin is a former KGB officer. Sorin said that Mark Feldman could have been caught in a honey trap "
                 "in Moscow.", {("Ivan Sorin", "ALLEGES", "Mark Feldman")}, id="compromised-in-the-passive"),

    pytest.param("Senator Bob Lind was charged last year. Bob Lind denies any wrongdoing. His wife, Nadia Lind, was "
                 "charged too. Prosecutors said Lind and his wife allegedly took cash and jewels as bribes. Ana "
                 "Ruiz, a prosecutor with the Justice Department, said Lind was acting corruptly.",
                 {("Bob Lind", "DISPUTES", "Bob Lind"), ("Ana Ruiz", "ALLEGES", "Bob Lind"), ("Ana Ruiz", "ALLEGES", "Nadia Lind")},
                 id="his-wife-and-the-joint-allegation"),

    pytest.param("The GRU runs several hacking units. Zentra Labs said Fancy Bear hacked the ministry's mail servers.",
                 {("Zentra Labs", "ALLEGES", "APT28"), ("Zentra Labs", "ALLEGES", "GRU")},
                 id="a-state-hacking-group-and-its-service"),

    pytest.param("Fancy Bear is a unit of the GRU. It hacked the party's servers in 2016, congressional and FBI "
                 "investigators concluded.", {("FBI", "ALLEGES", "APT28"), ("FBI", "ALLEGES", "GRU")},
                 id="clause-then-its-finders"),

    pytest.param("The Vornex Group hacked the regulator, according to a congressional report. Senator Ann Cole chairs "
                 "the Senate Committee on Banking.", {("Senate Committee on Banking", "ALLEGES", "Vornex Group")},
                 id="a-congressional-report-is-its-committees"),
    pytest.param("Sara Lind accused the Vornex Group of hacking. Tom Baker said he did not find solid proof in the "
                 "file that the Vornex Group was behind the hack.",
                 {("Sara Lind", "ALLEGES", "Vornex Group"), ("Tom Baker", "DISPUTES", "Vornex Group")},
                 id="no-evidence-in-the-report-that"),
    pytest.param("Ann Cole chairs the banking committee. \"Northwind Bank's intent to evade oversight is a serious "
                 "offense,\" Ann Cole said.", {("Ann Cole", "ALLEGES", "Northwind Bank")}, id="a-serious-offense"),

    pytest.param("The Ledger said Northwind Group had inflated its profits. The Federal Financial Supervisory Authority "
                 "denied all allegations against the company.",
                 {("Ledger", "ALLEGES", "Northwind Group"), ("BaFin", "DISPUTES", "Northwind Group")},
                 id="denied-allegations-against-someone"),
    pytest.param("Northwind Group is a lender. The Federal Financial Supervisory Authority denied all allegations "
                 "against Northwind Group.", {("BaFin", "DISPUTES", "Northwind Group")},
                 id="denied-allegations-no-one-made-here"),

    pytest.param("The Union of Reporters denounced what it claimed was the deliberate killing of its staff by "
                 "Israeli forces. The Israel Defense Forces said the car carried militants.",
                 {("Union of Reporters", "ALLEGES", "Israel Defense Forces")}, id="condemned-what-it-claimed-was-a-killing-by"),

    pytest.param("The Justice Department said that during the raids, Petrenko, Zaytsev, and Morozov stole files from "
                 "dozens of banks.", {("Department of Justice", "ALLEGES", n) for n in ("Petrenko", "Zaytsev", "Morozov")},
                 id="a-list-of-subjects-the-parse-split"),
    pytest.param("Ana Ruiz accused the Chicago police of ignoring calls for help. Residents called the Austin Police "
                 "District. Chicago's then police chief Tom Becker later defended his officers, saying staff had been "
                 "sent elsewhere.", {("Ana Ruiz", "ALLEGES", "Chicago police"), ("Tom Becker", "DISPUTES", "Chicago police")},
                 id="a-place's-police-chief-defends-its-police"),
    pytest.param("Ana Ruiz said Senator Paula Grant offered Tom Reed a pardon on behalf of President Mark Olsen. Mr "
                 "Olsen has denied that Grant made any such offer.",
                 {("Ana Ruiz", "ALLEGES", "Paula Grant"), ("Mark Olsen", "DISPUTES", "Paula Grant")},
                 id="a-denial-makes-the-report-it-answers-an-allegation"),
    pytest.param("Federal prosecutors from the Justice Department charged Mayor Tom Reed with bribery. Ana Ruiz "
                 "testified that Reed had demanded a bribe from her company.",
                 {("Department of Justice", "ALLEGES", "Tom Reed"), ("Ana Ruiz", "CORROBORATES", "Tom Reed")},
                 id="a-witness-backs-the-prosecution"),
    pytest.param("\"Not only did Northwind Bank hide the losses, but it also lied about them,\" Ana Ruiz explained. "
                 "\"Furthermore, Northwind Bank said that it had fixed its controls. We see abuses by Northwind Bank every "
                 "month, but we almost never see Northwind Bank take action like this.\"",
                 {("Ana Ruiz", "ALLEGES", "Northwind Bank")}, id="a-report-inside-a-quote-is-not-its-attribution"),
    pytest.param("Ana Ruiz said the GRU recruited Mayor Tom Reed. Throughout his term, Reed downplayed Russia's threats.",
                 {("Ana Ruiz", "ALLEGES", "Tom Reed")}, id="downplaying-another's-threats-denies-nothing-of-one's-own"),
    pytest.param("The Khan case shows that there were hacks in the reporter's circle before his murder, according to "
                 "Lena Roth.", set(), id="a-case-named-after-someone-is-not-their-act"),
    pytest.param("President Anna Lind governed until 2006. Tom Baker told investigators that Northwind Corp had paid $2 "
                 "million in bribes to the Lind administration for road contracts.", {("Tom Baker", "ALLEGES", "Anna Lind")},
                 id="a-company's-bribes-accuse-the-official-bribed"),
    pytest.param("Tom Baker told investigators that Ivan Petrov bribed Mayor Anna Lind.",
                 {("Tom Baker", "ALLEGES", "Ivan Petrov"), ("Tom Baker", "ALLEGES", "Anna Lind")},
                 id="a-person's-bribe-accuses-both-sides"),
    pytest.param("On Thursday, the Daily Ledger reported that the Northwind police had taken disciplinary action against "
                 "16 officers over the shooting.", set(), id="taking-action-against-others-is-no-wrong"),
    pytest.param("The Daily Ledger bureau chief for Spain and Portugal, Karim Nassar, said on Friday that Tom Reed "
                 "had lied.", {("Karim Nassar", "ALLEGES", "Tom Reed")}, id="a-role-with-places-then-the-name"),
    pytest.param("The FBI said Tom Reed was a member of the militia. Karim Nassar said Thursday the claim Tom Reed was a "
                 "member of the militia was completely false.",
                 {("FBI", "ALLEGES", "Tom Reed"), ("Karim Nassar", "DISPUTES", "Tom Reed")},
                 id="the-claim-x-was-y-was-false"),
    pytest.param("CrowdStrike said it had found three pieces of malware used against banks in Asia. One of the programs "
                 "has been linked to a hacking group known as Red Lantern, which has been tied to a raid on a film "
                 "studio.", {("CrowdStrike", "ALLEGES", "Red Lantern")}, id="a-link-right-after-a-body's-findings"),
    pytest.param("Ana Ruiz said she had found malware on the bank's servers. One of the programs has been linked to a "
                 "hacking group known as Red Lantern, which has been tied to a raid on a film studio.",
                 set(), id="a-person's-findings-do-not-claim-the-next-link"),
    pytest.param("The Justice Department charged Petrenko, Zaytsev, and Morozov with fraud. During the raids, Petrenko, "
                 "Zaytsev, and Morozov stole files from banks listed in London, such as Barclays, Lloyds and HSBC. They "
                 "allegedly sold the stolen files to traders through a front company.",
                 {("Department of Justice", "ALLEGES", n) for n in ("Petrenko", "Zaytsev", "Morozov")},
                 id="they-are-the-listed-subjects-not-the-listed-victims"),
    pytest.param("Vexor is a payments company. In 2008, the company appointed Ernst & Young to audit its books. EY "
                 "then audited the group for ten years. As allegations against the firm kept surfacing, a pattern "
                 "emerged in how the company dealt with the criticism. They would aggressively deny any wrongdoing.",
                 {("Vexor", "DISPUTES", "Vexor")}, id="they-for-a-company-named-by-description"),
    pytest.param("Google said hackers from a group known as Red Lantern targeted the Ruiz campaign. Ana Ruiz said there "
                 "was still no evidence the recent hacking attempts, which she said had failed, had anything at all to do with our "
                 "vote.",
                 {("Google", "ALLEGES", "Red Lantern"), ("Ana Ruiz", "DISPUTES", "Red Lantern")},
                 id="no-evidence-the-attempts-had-anything-to-do-with"),
    pytest.param("Ana Ruiz said Tom Reed had hacked the servers. \"I could not tell the board that they had lost the "
                 "files,\" Lena Roth said.", {("Ana Ruiz", "ALLEGES", "Tom Reed")}, id="could-not-tell-that-denies-nothing"),
    pytest.param("The SEC is investigating Vexor Corp for fraud. \"That regulators are asking for documents does not "
                 "mean they have found that anyone here has done anything wrong,\" said Ann Cole, spokeswoman for Vexor Corp.",
                 {("SEC", "ALLEGES", "Vexor Corp"), ("Ann Cole", "DISPUTES", "Vexor Corp")},
                 id="a-spokeswoman-says-no-one-did-anything-wrong"),
    pytest.param("Ana Ruiz claims Tom Reed embezzled millions. Reed's lawyer, Max Weber, called the claims baseless.",
                 {("Ana Ruiz", "ALLEGES", "Tom Reed"), ("Max Weber", "DISPUTES", "Tom Reed")},
                 id="called-the-claims-baseless"),
    pytest.param("Ana Ruiz claims Tom Reed embezzled millions. Lena Roth called the claims credible.",
                 {("Ana Ruiz", "ALLEGES", "Tom Reed")}, id="calling-claims-credible-disputes-nothing"),
    pytest.param("Tom Reed, the mayor, rejected the accusations as a political witch hunt.",
                 {("Tom Reed", "DISPUTES", "Tom Reed")}, id="rejecting-accusations-the-story-has-not-told"),
    pytest.param("According to Ana Ruiz, Tom Reed and Lena Roth conspired to rig the vote.",
                 {("Ana Ruiz", "ALLEGES", "Tom Reed"), ("Ana Ruiz", "ALLEGES", "Lena Roth")},
                 id="according-to-x-then-the-accused-the-parse-joined"),
    pytest.param("According to Ana Ruiz, Tom Reed and Lena Roth met in Paris.", set(),
                 id="according-to-x-a-meeting-is-no-wrong"),
    pytest.param("Ana Ruiz's allegation that Tom Reed stole campaign funds was repeated by Lena Roth.",
                 {("Ana Ruiz", "ALLEGES", "Tom Reed")}, id="x's-allegation-that-as-a-relative-clause"),
    pytest.param("The indictment accuses Tom Reed of money laundering, the Justice Department said.",
                 {("Department of Justice", "ALLEGES", "Tom Reed")}, id="the-indictment-the-speaker-names"),
    pytest.param("Lena Roth said Tom Reed was a Russian agent. Ana Ruiz said Max Weber was a real estate agent.",
                 {("Lena Roth", "ALLEGES", "Tom Reed")}, id="a-national-agent-is-an-accusation"),
    pytest.param("Lena Roth said she had no doubt that Tom Reed took bribes.", {("Lena Roth", "ALLEGES", "Tom Reed")},
                 id="no-doubt-that-affirms"),
    pytest.param("Ana Ruiz said Tom Reed took bribes. Lena Roth said she had doubts that Tom Reed took bribes.",
                 {("Ana Ruiz", "ALLEGES", "Tom Reed"), ("Lena Roth", "DISPUTES", "Tom Reed")}, id="doubts-that-disputes"),
    pytest.param("Prosecutors in the Justice Department say Tom Reed laundered money for the cartel. Officials in "
                 "Chicago say Lena Roth laundered money too.", {("Department of Justice", "ALLEGES", "Tom Reed")},
                 id="prosecutors-in-a-body-speak-for-it"),
    pytest.param("Tom Reed was arrested on suspicion of spying for China, the FBI said.", {("FBI", "ALLEGES", "Tom Reed")},
                 id="an-arrest-the-speaker-reports"),
    pytest.param("Vexor Corp, which allegedly took 5 million dollars from the pension fund, hired new staff last year, "
                 "Ana Ruiz said.", set(), id="an-allegedly-in-a-speaker's-words-stays-at-arm's-length"),
    pytest.param("Tom Reed is alleged to have embezzled 5 million dollars, according to the indictment filed by "
                 "prosecutors from the Justice Department.", {("Department of Justice", "ALLEGES", "Tom Reed")},
                 id="an-indictment-filed-by-prosecutors-from-a-body"),
    pytest.param("The scheme was run by Tom Reed and Lena Roth, prosecutors from the Justice Department said. The "
                 "charity was run by Max Weber, Ana Ruiz said.",
                 {("Department of Justice", "ALLEGES", "Tom Reed"), ("Department of Justice", "ALLEGES", "Lena Roth")},
                 id="a-passive-subject-names-the-wrong"),
    pytest.param("Ana Ruiz sued Vexor Corp on Monday. Vexor Corp said in a statement that the lawsuit was without merit.",
                 {("Ana Ruiz", "ALLEGES", "Vexor Corp"), ("Vexor Corp", "DISPUTES", "Vexor Corp")},
                 id="a-lawsuit-without-merit"),
    pytest.param("Ana Ruiz sued Vexor Corp on Monday. In a statement, the company called the lawsuit frivolous.",
                 {("Ana Ruiz", "ALLEGES", "Vexor Corp"), ("Vexor Corp", "DISPUTES", "Vexor Corp")},
                 id="called-the-lawsuit-frivolous"),
    pytest.param("In her lawsuit, Ana Ruiz says Tom Reed fired her after she rejected his advances. Ana Ruiz said in an "
                 "interview that Max Weber fired her too.", {("Ana Ruiz", "ALLEGES", "Tom Reed")},
                 id="what-a-lawsuit-says-accuses"),
    pytest.param("Researchers at CrowdStrike said the malware bore the hallmarks of Red Lantern. CrowdStrike said the "
                 "new phone bore the hallmarks of Vexor Corp.", {("CrowdStrike", "ALLEGES", "Red Lantern")},
                 id="malware-bearing-the-hallmarks-of-a-group"),
    pytest.param("Tom Reed was fined 2 million dollars by the SEC for insider trading.", {("SEC", "ALLEGES", "Tom Reed")},
                 id="fined-by-a-regulator"),
    pytest.param("Ana Ruiz reiterated that Tom Reed took bribes. Lena Roth implied that Max Weber took bribes too.",
                 {("Ana Ruiz", "ALLEGES", "Tom Reed"), ("Lena Roth", "ALLEGES", "Max Weber")},
                 id="reiterated-and-implied"),
    pytest.param("Lena Roth praised the mayor. \"He stole from the people who trusted him,\" Ana Ruiz said of Tom Reed.",
                 {("Ana Ruiz", "ALLEGES", "Tom Reed")}, id="said-of-x-with-the-quote-before"),
    pytest.param("Ana Ruiz said Tom Reed took bribes, an allegation Reed denied.",
                 {("Ana Ruiz", "ALLEGES", "Tom Reed"), ("Tom Reed", "DISPUTES", "Tom Reed")}, id="an-allegation-x-denied"),
    pytest.param("Ana Ruiz said Tom Reed took bribes, a claim Lena Roth confirmed.",
                 {("Ana Ruiz", "ALLEGES", "Tom Reed"), ("Lena Roth", "CORROBORATES", "Tom Reed")}, id="a-claim-x-confirmed"),
    pytest.param("Ana Ruiz identified the mail server of the firm Vexor Partners among a list of likely victims. The "
                 "FBI identified "
                 "Tom Reed as the hacker behind the attack.", {("FBI", "ALLEGES", "Tom Reed")},
                 id="identifying-a-victim-accuses-no-one"),
    pytest.param("Two hackers worked for a software firm named Rostam Azadi, court papers show. The Proud Patriots "
                 "group posted their videos. The FBI said the company is a contractor for the Iranian military, which "
                 "confirms statements made by Lena Roth. Rostam Azadi did not respond.",
                 {("Lena Roth", "ALLEGES", "Rostam Azadi"), ("FBI", "CORROBORATES", "Rostam Azadi")},
                 id="the-company-is-the-firm-named-just-before"),
    pytest.param("According to the party president, Nikos Varga, Ana Ruiz took bribes.",
                 {("Nikos Varga", "ALLEGES", "Ana Ruiz")}, id="according-to-a-description-then-the-name"),
    pytest.param("According to the Unity Party president, Nikos Varga, Ana Ruiz served as \"a Trojan horse for the "
                 "right\" in parliament.", {("Nikos Varga", "ALLEGES", "Ana Ruiz")},
                 id="according-to-a-description-then-the-name-a-trojan-horse"),
    pytest.param("Ana Ruiz said Vexor Systems hacked the phones of two reporters. Vexor Systems chief executive Tom "
                 "Reed denied that the reporters were ever targets of any customer.",
                 {("Ana Ruiz", "ALLEGES", "Vexor Systems"), ("Tom Reed", "DISPUTES", "Vexor Systems")},
                 id="an-executive-denies-a-wrong-with-no-named-doer"),
    pytest.param("Tom Reed admitted that he was part of a ring that worked to sway officials in exchange for bribes.",
                 {("Tom Reed", "ALLEGES", "Tom Reed")}, id="part-of-a-group-by-what-it-worked-to-do"),
    pytest.param("The Brazilian construction company Vexa admitted paying bribes across the region, and Vexa's "
                 "shareholders lost billions. Prosecutors questioned Marcelo Vexa, the company's chief executive, in "
                 "May. Vexa claimed that the company also bribed Ana Ruiz.",
                 {("Vexa", "ALLEGES", "Vexa"), ("Marcelo Vexa", "ALLEGES", "Vexa"),
                  ("Marcelo Vexa", "ALLEGES", "Ana Ruiz")},
                 id="the-surname-speaking-after-the-person-is-named-is-the-person-not-the-company"),
    pytest.param("Ana Ruiz told investigators that Vexor paid $3 million to Tom Reed's 2019 campaign, which Reed and "
                 "Lena Cole deny.",
                 {("Ana Ruiz", "ALLEGES", "Vexor"), ("Ana Ruiz", "ALLEGES", "Tom Reed"), ("Ana Ruiz", "ALLEGES", "Lena Cole"),
                  ("Tom Reed", "DISPUTES", "Vexor"), ("Tom Reed", "DISPUTES", "Tom Reed"), ("Tom Reed", "DISPUTES", "Lena Cole"),
                  ("Lena Cole", "DISPUTES", "Vexor"), ("Lena Cole", "DISPUTES", "Tom Reed"),
                  ("Lena Cole", "DISPUTES", "Lena Cole")},
                 id="who-deny-a-claim-with-its-accused-are-accused-too"),
    pytest.param("Lena Roth sued Tom Reed on Monday, alleging that he harassed her for years. \"This is a retaliatory "
                 "suit over the network's decision to drop her show,\" Reed's statement said.",
                 {("Lena Roth", "ALLEGES", "Tom Reed"), ("Tom Reed", "DISPUTES", "Tom Reed")},
                 id="this-is-a-retaliatory-suit"),
    pytest.param("Tom Reed told reporters he never felt pressured into helping the mayor's brother.", set(),
                 id="who-felt-pressured-is-no-doer"),
    pytest.param("The payments company Vexor grew fast in Asia. In 2008 it hired Brandt & Cole, a large accounting "
                 "firm, to audit its books. Brandt & Cole signed off on the accounts for ten years. As critics accused "
                 "the company of inflating its sales, the company dealt with them in one way. It would deny any "
                 "wrongdoing.", {("Vexor", "DISPUTES", "Vexor")}, id="the-company-is-the-one-called-a-company-not-the-firm"),
    pytest.param("Lena Roth, the chamber's president, suspended Tom Reed from his duties as a councillor.", set(),
                 id="suspended-from-an-office-names-no-wrong"),
    pytest.param("Lena Roth said General Tom Reed ordered the killing of 40 protesters. 'These acts were committed "
                 "under a state policy to crush dissent,' Ana Ruiz told reporters.",
                 {("Lena Roth", "ALLEGES", "Tom Reed"), ("Ana Ruiz", "ALLEGES", "Tom Reed")},
                 id="these-acts-are-the-acts-just-told"),
    pytest.param("The Senate Ethics Committee opened an inquiry into Tom Reed in May. The prosecutor told the jury that "
                 "Reed took bribes.", set(), id="the-prosecutor-is-a-person-not-the-body-named-last"),
    pytest.param("'This is the same crew as in 2016,' said Dana Whitfield of the security firm Corvex. 'We think that "
                 "Russian military intelligence hacked the party.'", {("Dana Whitfield", "ALLEGES", "GRU")},
                 id="we-believe-in-a-quote-is-the-speakers-body-belief"),
    pytest.param("Ana Ruiz testified that she paid for Lena Cole's Mercedes.",
                 {("Ana Ruiz", "ALLEGES", "Ana Ruiz"), ("Ana Ruiz", "ALLEGES", "Lena Cole")},
                 id="paying-for-someones-thing-is-paying-them"),
    pytest.param("Tom Reed and his wife, Lena Reed, allegedly took bribes from a builder. The mayor's wife also faces "
                 "charges. She has pleaded not guilty.",
                 {("Lena Reed", "DISPUTES", "Tom Reed"), ("Lena Reed", "DISPUTES", "Lena Reed")},
                 id="a-plea-answers-the-joint-allegation-nobody-named-has-made"),
    pytest.param("Many of the allegations came from the British newspaper Northern Ledger (NL). In 2018, NL published "
                 "an article after being tipped off by an insider, that Vexor Holdings was cooking its accounts.",
                 {("Northern Ledger", "ALLEGES", "Vexor Holdings")},
                 id="an-acronym-in-brackets-and-an-articles-late-that-clause"),
    pytest.param("In May, BaFin- the German financial regulator- fined Vexor for market manipulation.",
                 {("BaFin", "ALLEGES", "Vexor")}, id="a-listed-body-with-a-dash-written-against-it"),
    pytest.param("The FBI arrested Sami Haddad in Riverton General Hospital in March.", set(),
                 id="an-arrest-in-a-place-names-no-wrong"),
    pytest.param("Tom Reed hit back at his replacement, Ana Ruiz, who said on Sunday her predecessor had taken bribes "
                 "from a builder.", {("Ana Ruiz", "ALLEGES", "Tom Reed")}, id="her-predecessor-is-whom-she-replaced"),
    pytest.param("As Ana Ruiz noted, Tom Reed took bribes from the builder.", {("Ana Ruiz", "ALLEGES", "Tom Reed")},
                 id="as-x-noted"),
    pytest.param("Tom Reed, as Ana Ruiz said on Monday, took bribes.", {("Ana Ruiz", "ALLEGES", "Tom Reed")},
                 id="as-x-said-inside-the-clause"),
    pytest.param("The City Council passed the budget in March. Ana Ruiz said on May 2, 2019, of Tom Reed and his "
                 "aides: 'They stole from the city's pension fund. Then they accused Lena Cole of lying about it.'",
                 {("Ana Ruiz", "ALLEGES", "Tom Reed"), ("Tom Reed", "ALLEGES", "Lena Cole")},
                 id="said-of-x-and-his-aides-across-the-quote"),
    pytest.param("Ana Ruiz said Vexor Systems notified the targets of the surveillance within hours.", set(),
                 id="notifying-the-targets-is-no-wrong"),
    pytest.param("Ann Cole called Tom Reed a traitor. Ann Cole called Lena Roth a friend.",
                 {("Ann Cole", "ALLEGES", "Tom Reed")}, id="called-someone-a-name-that-accuses"),
    pytest.param("Senator Ann Cole branded Northwind Bank a criminal enterprise.",
                 {("Ann Cole", "ALLEGES", "Northwind Bank")}, id="branded-a-body"),
    pytest.param("Carlo Ferri, a parliamentary assistant, confessed to investigators that he was part of a ring "
                 "that took bribes from a foreign government.", {("Carlo Ferri", "ALLEGES", "Carlo Ferri")},
                 id="confessed-membership-of-a-ring"),
    pytest.param("Police chief Max Roth said Anna Weber was a member of a network that smuggled weapons into the "
                 "country. Anna Weber is also a member of a club that organises charity runs, Max Roth said.",
                 {("Max Roth", "ALLEGES", "Anna Weber")}, id="member-of-a-group-defined-by-its-wrong"),
    pytest.param("Google did not say whether state hackers from Moscow tried to get into the Ruiz campaign but did say "
                 "that hackers of a Chinese group known as Red Lantern targeted the campaign.",
                 {("Google", "ALLEGES", "Red Lantern")}, id="did-not-say-whether-but-did-say"),
    pytest.param("The Google report finds that Russian military intelligence keeps chasing election targets, Anna "
                 "Lind said. It meddled in the 2018 vote by breaking into the party's servers, FBI investigators have "
                 "found.", {("Google", "ALLEGES", "GRU"), ("Anna Lind", "CORROBORATES", "GRU"), ("FBI", "ALLEGES", "GRU")},
                 id="it-is-the-clause-subject-not-the-post-owner"),

]


@pytest.mark.parametrize("text, expected", CASES)
def test_stances(graph_of, text, expected):
    assert stance_edges(graph_of(text)) == expected


def test_allegation_summary_is_the_content_not_a_category(graph_of):
    graph = graph_of("Laura Chen said that Tim Moss had wiretapped the union's offices.")
    (allegation,) = [d for _, d in graph.nodes(data=True) if d["label"] == "Allegation"]
    assert allegation["summary"].startswith("Tim Moss: ")
    assert "wiretapped the union's offices" in allegation["summary"]


def test_a_summary_leaves_out_whom_it_is_according_to(graph_of):
    graph = graph_of("According to Nikos Varga, Ana Ruiz took bribes from a builder.")
    (allegation,) = [d for _, d in graph.nodes(data=True) if d["label"] == "Allegation"]
    assert allegation["summary"] == "Ana Ruiz: took bribes from a builder"


def test_an_act_after_continue_is_the_verb_it_governs(graph_of):
    graph = graph_of("Ana Ruiz said the GRU continues to pursue targets linked to the election. Tom Reed said the "
                     "GRU continues to pose a grave threat to the vote.")
    summaries = sorted(d["summary"] for _, d in graph.nodes(data=True) if d["label"] == "Allegation")
    assert len(summaries) == 2 and "pose" in summaries[0] and "pursue" in summaries[1]


def test_a_summary_keeps_a_doer_who_is_not_the_accused(graph_of):
    graph = graph_of("Ana Ruiz told investigators that Vexor donated $3 million to Tom Reed's 2019 campaign, which "
                     "Reed denies.")
    (allegation,) = [d for _, d in graph.nodes(data=True) if d["label"] == "Allegation"]
    assert allegation["summary"].startswith("Tom Reed: Vexor donated $3 million to Tom Reed's 2019 campaign")


def test_a_summary_leaves_out_the_aside_of_who_says_it(graph_of):
    graph = graph_of("As Ana Ruiz noted, Tom Reed took bribes from the builder.")
    (allegation,) = [d for _, d in graph.nodes(data=True) if d["label"] == "Allegation"]
    assert allegation["summary"] == "Tom Reed: took bribes from the builder"


def test_other_participants_are_involved_with_their_role(graph_of):
    graph = graph_of("Jorge Castillo said the GRU recruited Mark Feldman in Lisbon.")
    (allegation,) = [n for n, d in graph.nodes(data=True) if d["label"] == "Allegation"]
    involves = {(graph.nodes[t]["name"], d.get("role")) for _, t, d in graph.out_edges(allegation, data=True)
                if d["type"] == "INVOLVES"}
    about = {graph.nodes[t]["name"] for _, t, d in graph.out_edges(allegation, data=True) if d["type"] == "ABOUT"}
    assert about == {"Mark Feldman"} and involves == {("GRU", "agent")}


def test_a_recruitment_is_never_about_the_recruiter(graph_of):
    # the recruit's name may go unrecognised; the recruiting agency must not take its place
    edges = stance_edges(graph_of("José García said the GRU recruited Ana Ruiz."))
    assert not {e for e in edges if e[2] == "GRU"}


def test_every_sentence_that_repeats_a_stance_is_evidence(graph_of):
    text = ("Intro line.\n\nLaura Chen said that Tim Moss had hacked the bank.\n\n"
            "Later, Laura Chen said again that Tim Moss had hacked the bank.")
    graph = graph_of(text)
    (edge,) = [d for _, _, d in graph.edges(data=True) if d["type"] == "ALLEGES"]
    assert len(edge["evidence"]) == 2
    for ev in edge["evidence"]:
        assert text[ev["start"]:ev["end"]] == ev["text"]


def test_a_release_speaks_for_its_issuer(graph_of):
    text = ("Treasury Sanctions Smuggling Network\n\nPress Release\n\n"
            "WASHINGTON - Today, the Treasury Department designated Ruben Ortega for drug trafficking. "
            "Ortega smuggled cocaine through three ports, and he laundered the proceeds through shell companies.")
    assert ("Treasury Department", "ALLEGES", "Ruben Ortega") in stance_edges(graph_of(text))


def test_a_release_header_names_its_issuer(graph_of):
    text = ("New Evidence of a Smuggling Ring\n\nCBI\n\nNews Release No. 4-11\n\n"
            "WASHINGTON - The Central Bureau of Investigation (CBI) found that Ruben Ortega smuggled cocaine through "
            "three ports. The Intelligence Community had warned about the ring. The Intelligence Community shared its "
            "files. Ortega laundered the proceeds through shell companies, the files show.")
    stances = stance_edges(graph_of(text))
    assert ("Central Bureau of Investigation", "ALLEGES", "Ruben Ortega") in stances
    assert not any(source == "Intelligence Community" for source, _, _ in stances)


def test_a_governments_we_is_its_administration(graph_of):
    text = ("The United States Calls Out Vornex Hackers\n\n"
            "The United States and our partners are exposing the malicious cyber activity of the Vornex Group. We are "
            "aware that the Vornex Group hacked hospitals in Europe. Our partners, including the European Union and "
            "NATO, are joining us. We will not tolerate such attacks. The Lind administration is funding network "
            "defence. We urge the Vornex Group to stop. We remain committed to our partners.")
    stances = stance_edges(graph_of(text))
    assert ("Lind administration", "ALLEGES", "Vornex Group") in stances
    assert not any(source in ("European Union", "NATO") for source, _, _ in stances)
    assert not any(t == "DISPUTES" for _, t, _ in stances)  # "we will not tolerate" denies nothing


def test_a_column_speaks_in_its_authors_voice(graph_of):
    text = ("JANE ROE argues the case against Tom Reed is a farce\n\n"
            "I have followed this case for years, writes Jane Roe. I know the prosecutors well and I respect them. "
            "But I think they are wrong here. Tom Reed is not a criminal. "
            "My view is simple: the case should never have been brought. I have read every page of the file. "
            "I wrote about it last year and I will write about it again.")
    stances = stance_edges(graph_of(text))
    assert ("Jane Roe", "DISPUTES", "Tom Reed") in stances
    assert not any(t == "ALLEGES" for _, t, _ in stances)


def test_exposing_wrongs_is_no_wrong(graph_of):
    text = ("Ann Cole runs a small newsletter. The Amnesty International report said Tom Reed exposed torture and "
            "brutality in the prisons of the region.")
    assert stance_edges(graph_of(text)) == set()


def test_a_legal_frame_with_its_own_wrong_is_its_own_allegation(graph_of):
    graph = graph_of("Tom Reed called Ana Ruiz a spy. The Justice Department filed a lawsuit against Ana Ruiz, alleging "
                     "she breached her nondisclosure agreements.")
    alleged: dict[str, set[str]] = {}
    for s, t, d in graph.edges(data=True):
        if d["type"] == "ALLEGES":
            alleged.setdefault(graph.nodes[s]["name"], set()).add(t)
    assert set(alleged) == {"Tom Reed", "Department of Justice"}
    assert not alleged["Tom Reed"] & alleged["Department of Justice"]


def test_accused_by_x_of_an_act_names_the_act(graph_of):
    graph = graph_of("Tom Reed has been accused by Ana Ruiz of stealing campaign funds.")
    assert stance_edges(graph) == {("Ana Ruiz", "ALLEGES", "Tom Reed")}
    summaries = [d["summary"] for _, d in graph.nodes(data=True) if d["label"] == "Allegation"]
    assert len(summaries) == 1 and "stealing campaign funds" in summaries[0]


def test_a_lawsuit_alleging_a_wrong_is_one_allegation(graph_of):
    graph = graph_of("Ana Ruiz sued Vexor Corp on Monday, alleging the company had fired her for reporting fraud.")
    summaries = [d["summary"] for _, d in graph.nodes(data=True) if d["label"] == "Allegation"]
    assert stance_edges(graph) == {("Ana Ruiz", "ALLEGES", "Vexor Corp")}
    assert len(summaries) == 1 and "fired her" in summaries[0]
