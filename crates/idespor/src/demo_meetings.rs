//! The demo community's meetings: erfamøder in the five erfagrupper (one with a visit from the
//! product managers), tovholdermøder and meetings of the produktmanagergruppe, with agendas,
//! minutes and decisions that follow the demo ideas' journeys. Invented content; any likeness to
//! real meetings, cases or persons is a coincidence.

/// A meeting of one demo group; the loader plans it as the group's tovholder, invites the
/// group's members and the guests, and for past meetings records attendance, minutes and decisions.
pub struct DemoMeeting {
    /// The group's name, exactly as in demo.rs ("Erfagruppe Nord", …, "Tovholdergruppen", "Produktmanagergruppen").
    pub group: &'static str,
    /// "erfa" (erfamøde), "steering" (tovholdermøde), "visit" (a product manager visiting an erfamøde), or "other".
    pub kind: &'static str,
    pub title: &'static str,
    /// Days from today: negative for past meetings, positive for upcoming ones.
    pub days_from_today: i64,
    /// Local start time (Europe/Copenhagen), hour and minute.
    pub start: (i8, i8),
    pub duration_minutes: i64,
    /// A physical place ("Aalborg Rådhus, mødelokale 3"), or "" when only online.
    pub place: &'static str,
    /// An online link (https://…, invented, e.g. on teams.example.dk), or "".
    pub online_url: &'static str,
    /// Demo e-mails of guests from other groups (e.g. a product manager visiting).
    pub guests: &'static [&'static str],
    pub agenda: &'static [DemoAgendaItem],
    /// Minutes in Markdown (Danish); "" for upcoming meetings.
    pub minutes: &'static str,
    /// Whether the minutes are approved (only for past meetings with minutes).
    pub minutes_approved: bool,
    /// Demo e-mails of group members who did not attend (past meetings only).
    pub absent: &'static [&'static str],
    /// Decisions made at the meeting (past meetings only).
    pub decisions: &'static [DemoDecision],
}

pub struct DemoAgendaItem {
    pub title: &'static str,
    /// A line or two of notes (Danish), may be "".
    pub notes: &'static str,
    /// The exact title of an idea in demo_ideas.rs IDEAS that the item is about, if any.
    pub idea: Option<&'static str>,
}

pub struct DemoDecision {
    /// A short headline, e.g. "Medicinoverblik prioriteres som nr. 1".
    pub title: &'static str,
    /// What was decided (Danish, Markdown allowed, 1–4 sentences).
    pub text: &'static str,
    /// Why (Danish, 1–3 sentences).
    pub reason: &'static str,
    /// Exact titles of ideas in demo_ideas.rs IDEAS the decision concerns (may be empty).
    pub ideas: &'static [&'static str],
    /// For decisions of Tovholdergruppen only: the erfagrupper (exact names) that have already
    /// presented the decision at one of their meetings; the others have not yet.
    pub presented_by: &'static [&'static str],
}

pub const MEETINGS: &[DemoMeeting] = &[
    // ------------------------------------------------------------------ Erfagruppe Nord
    DemoMeeting {
        group: "Erfagruppe Nord",
        kind: "erfa",
        title: "Erfamøde i Erfagruppe Nord",
        days_from_today: -252,
        start: (9, 30),
        duration_minutes: 210,
        place: "Hjørring Rådhus, mødelokale 2",
        online_url: "",
        guests: &[],
        agenda: &[
            DemoAgendaItem {
                title: "Velkomst og nyt fra tovholdergruppen",
                notes: "Mette orienterer kort fra det seneste tovholdermøde.",
                idea: None,
            },
            DemoAgendaItem {
                title: "Fremmøde på hold: demonstration fra Hjørring",
                notes: "Hjørring viser, hvordan fremmøde registreres for hele holdet på én gang i kalenderen.",
                idea: Some("Fremmøde på træningshold registreres på papir"),
            },
            DemoAgendaItem {
                title: "Ny idé: PN-medicin på farten",
                notes: "Mariagerfjord præsenterer idéen. Kender de andre kommuner problemet?",
                idea: Some("PN-medicin er besværlig at dokumentere på farten"),
            },
            DemoAgendaItem {
                title: "Status: vikarers adgang til borgerdata",
                notes: "Idéen er prioriteret højest i tovholdergruppen og ligger nu hos produktmanagerne.",
                idea: Some("Vikarer beholder adgang til borgerdata efter endt vikariat"),
            },
            DemoAgendaItem {
                title: "Forårsudgivelsen 2026.1: hvad tester vi?",
                notes: "Fordeling af testopgaver mellem kommunerne.",
                idea: None,
            },
        ],
        minutes: r#"## Drøftelser
- Hjørring viste holdregistreringen i kalenderen. Fremmøde registreres for alle deltagere på én gang og lander i hver borgers forløb. Flere kommuner kendte ikke funktionen.
- Mariagerfjord fortalte om PN-medicin på mobilen. Alle kommuner genkender problemet, men eksemplerne er forskellige fra sted til sted.
- Vikaridéen er prioriteret som nr. 1 i tovholdergruppen. Vi afventer produktmanagernes vurdering.

## Aftaler
- Hjørring lægger sin vejledning i gruppens mappe, og Aalborg afprøver opsætningen.
- Alle sender to-tre konkrete eksempler på PN-situationer til Tina inden næste møde.
- Test af 2026.1: Aalborg tager medicin, Thisted mobilen og Frederikshavn planlægningen.

## Næste møde
Frederikshavn Rådhus. Tovholderen sender indkaldelse."#,
        minutes_approved: true,
        absent: &["rasmus.skov@idespor.test"],
        decisions: &[
            DemoDecision {
                title: "Hjørrings vejledning om holdregistrering deles",
                text: "Hjørring deler sin vejledning i holdregistrering med gruppen. Aalborg afprøver opsætningen, og virker den, lukker vi idéen som **løst ved konfiguration**.",
                reason: "Funktionen findes allerede og dækker behovet, så der er ingen grund til at sende idéen videre.",
                ideas: &["Fremmøde på træningshold registreres på papir"],
                presented_by: &[],
            },
            DemoDecision {
                title: "Flere eksempler på PN-medicin før videresendelse",
                text: "Idéen om PN-medicin bliver i erfagruppen, til vi har samlet eksempler fra mindst fire kommuner. Derefter sender tovholderen den videre til tovholdergruppen.",
                reason: "En idé med konkrete eksempler fra flere kommuner står stærkere i prioriteringen.",
                ideas: &["PN-medicin er besværlig at dokumentere på farten"],
                presented_by: &[],
            },
        ],
    },
    DemoMeeting {
        group: "Erfagruppe Nord",
        kind: "erfa",
        title: "Erfamøde i Erfagruppe Nord",
        days_from_today: -161,
        start: (10, 0),
        duration_minutes: 180,
        place: "Frederikshavn Rådhus, mødelokale 1",
        online_url: "https://teams.example.dk/m/erfa-nord-frederikshavn",
        guests: &[],
        agenda: &[
            DemoAgendaItem {
                title: "Nyt fra tovholdergruppen",
                notes: "Resultatet af prioriteringsrunden, kundekonferencen og den nye praksis for tilbagemeldinger.",
                idea: None,
            },
            DemoAgendaItem {
                title: "Ny idé: minuttal i visitationen",
                notes: "Hjørring præsenterer idéen. Skal den videre?",
                idea: Some("Minuttal pr. ydelse skal kunne ses i visitationen"),
            },
            DemoAgendaItem {
                title: "Status: PN-medicin",
                notes: "Videresendt med eksempler fra fem kommuner. Indgår i næste prioriteringsrunde.",
                idea: Some("PN-medicin er besværlig at dokumentere på farten"),
            },
            DemoAgendaItem {
                title: "Status: kørte kilometer til lønsystemet",
                notes: "Videresendt til tovholdergruppen.",
                idea: Some("Kørte kilometer skal sendes direkte til lønsystemet"),
            },
            DemoAgendaItem {
                title: "Opsamling: holdregistrering i Aalborg",
                notes: "Aalborg fortæller om afprøvningen.",
                idea: Some("Fremmøde på træningshold registreres på papir"),
            },
        ],
        minutes: r#"## Drøftelser
- Mette gennemgik tovholdergruppens beslutninger: prioriteringen fra runden, temaet for kundekonferencen, og at beslutningerne fremover er et fast punkt på erfamøderne.
- Anders præsenterede idéen om minuttal i visitationen. Gruppen støtter den, men flere påpegede, at ældreloven kan ændre behovet.
- PN-idéen er sendt videre med eksempler fra fem kommuner.
- Aalborg har brugt holdregistreringen i to måneder med gode erfaringer. Idéen er lukket som løst ved konfiguration.

## Aftaler
- Idéen om minuttal sendes videre til tovholdergruppen.
- Aalborg og Hjørring laver sammen et oplæg om holdregistrering til kundekonferencen.

## Næste møde
Thisted Rådhus, med helhedspleje som tema."#,
        minutes_approved: true,
        absent: &["birthe.holm@idespor.test", "jesper.aagaard@idespor.test"],
        decisions: &[
            DemoDecision {
                title: "Idéen om minuttal sendes videre til tovholdergruppen",
                text: "Tovholderen sender idéen om minuttal pr. ydelse videre til tovholdergruppen med gruppens støtte.",
                reason: "Behovet findes i alle kommuner i gruppen, og konfiguration kan ikke løse det.",
                ideas: &["Minuttal pr. ydelse skal kunne ses i visitationen"],
                presented_by: &[],
            },
            DemoDecision {
                title: "Nord holder oplæg om holdregistrering på kundekonferencen",
                text: "Aalborg og Hjørring byder ind med et kort oplæg om, hvordan holdregistrering erstattede papirlisterne.",
                reason: "Tovholdergruppen har bedt om eksempler på idéer, der blev løst ved konfiguration.",
                ideas: &["Fremmøde på træningshold registreres på papir"],
                presented_by: &[],
            },
        ],
    },
    DemoMeeting {
        group: "Erfagruppe Nord",
        kind: "erfa",
        title: "Erfamøde i Erfagruppe Nord: helhedspleje",
        days_from_today: -68,
        start: (9, 0),
        duration_minutes: 240,
        place: "Thisted Rådhus, mødelokale 4",
        online_url: "",
        guests: &[],
        agenda: &[
            DemoAgendaItem {
                title: "Nyt fra tovholdergruppen",
                notes: "Prioriteringen af genoptræning og rehabilitering, afslaget på registrering ud fra telefonens position og den parkerede idé om borgervendte besøgstider.",
                idea: None,
            },
            DemoAgendaItem {
                title: "Tema: helhedspleje og ældreloven",
                notes: "Idéen om minuttal er afvist med henvisning til ældreloven. Hvordan lægger kommunerne om?",
                idea: Some("Minuttal pr. ydelse skal kunne ses i visitationen"),
            },
            DemoAgendaItem {
                title: "Ny idé: kommunikation med borgeren",
                notes: "Aalborg præsenterer idéen.",
                idea: Some("Oplysninger om kommunikation med borgeren mangler ved besøget"),
            },
            DemoAgendaItem {
                title: "Status: leveringssvigt på medicin",
                notes: "Videresendt. Indgår i vinterens prioriteringsrunde.",
                idea: Some("Vi ved ikke, hvilke borgere der rammes af leveringssvigt på medicin"),
            },
            DemoAgendaItem {
                title: "Udkast: besøg, der ikke blev gennemført",
                notes: "Mette viser et udkast til en idé og beder om input.",
                idea: Some("Besøg, der ikke blev gennemført, bliver ikke fulgt op"),
            },
            DemoAgendaItem {
                title: "Orientering: kørte kilometer",
                notes: "Afvist af tovholdergruppen. Udtrækket »Planlagt kørsel pr. medarbejder« kan bruges i stedet.",
                idea: Some("Kørte kilometer skal sendes direkte til lønsystemet"),
            },
        ],
        minutes: r#"## Tema: helhedspleje
- Kommunerne er kommet forskellige steder i omlægningen til helhedspleje. Hjørring og Aalborg deler deres visitationsskabeloner.
- Alle kunne forstå afslaget på minuttal. Gruppen vil hellere bruge kræfterne på den nye visitationsmodel.

## Idéer
- Jesper præsenterede idéen om kommunikation med borgeren, fx høreapparat eller tolk. Den sendes videre.
- Mettes udkast om besøg, der ikke blev gennemført, fik gode input. Hun indsender idéen.
- Kørte kilometer er afvist. Thisted og Mariagerfjord afprøver udtrækket af planlagt kørsel.

## Aftaler
- Frederikshavn samler erfaringer med helhedspleje i et fælles dokument.

## Næste møde
Aalborg Rådhus. Vi planlægger også næste års mødeplan."#,
        minutes_approved: true,
        absent: &["tina.mogensen@idespor.test"],
        decisions: &[
            DemoDecision {
                title: "Idéen om kommunikation med borgeren sendes videre",
                text: "Tovholderen sender idéen videre til tovholdergruppen. Den får eksempler fra Aalborg og Hjørring med.",
                reason: "Oplysningerne findes i journalen, men ikke der, hvor medarbejderen står ved besøget, og det kan konfiguration ikke løse.",
                ideas: &["Oplysninger om kommunikation med borgeren mangler ved besøget"],
                presented_by: &[],
            },
            DemoDecision {
                title: "Udtrækket af planlagt kørsel afprøves",
                text: "Thisted og Mariagerfjord afprøver udtrækket »Planlagt kørsel pr. medarbejder« som grundlag for kørselsgodtgørelse og fortæller om det på næste møde.",
                reason: "Idéen om at sende kørte kilometer direkte til lønsystemet er afvist, men behovet er der stadig.",
                ideas: &["Kørte kilometer skal sendes direkte til lønsystemet"],
                presented_by: &[],
            },
        ],
    },
    DemoMeeting {
        group: "Erfagruppe Nord",
        kind: "erfa",
        title: "Erfamøde i Erfagruppe Nord",
        days_from_today: 18,
        start: (9, 30),
        duration_minutes: 180,
        place: "Aalborg Rådhus, mødelokale 3",
        online_url: "https://teams.example.dk/m/erfa-nord-aalborg",
        guests: &[],
        agenda: &[
            DemoAgendaItem {
                title: "Nyt fra tovholdergruppen",
                notes: "Vinterens prioritering, sammenlægning af dubletter og kundekonferencen.",
                idea: None,
            },
            DemoAgendaItem {
                title: "Ny idé: opgaver på mobilen i travle vagter",
                notes: "Frederikshavn præsenterer idéen.",
                idea: Some("Opgaver på mobilen er svære at overskue i travle vagter"),
            },
            DemoAgendaItem {
                title: "Ny idé: kørelister ved snevejr og storm",
                notes: "Thisted præsenterer idéen. Kan genplanlægning i dag dække noget af behovet?",
                idea: Some("Kørelister skal lægges om i hast ved snevejr og storm"),
            },
            DemoAgendaItem {
                title: "Status: vikarers adgang",
                notes: "Under udvikling til 2027.1. Hvem vil teste?",
                idea: Some("Vikarer beholder adgang til borgerdata efter endt vikariat"),
            },
            DemoAgendaItem { title: "Mødeplan for det kommende år", notes: "", idea: None },
        ],
        minutes: "",
        minutes_approved: false,
        absent: &[],
        decisions: &[],
    },
    // ------------------------------------------------------------------ Erfagruppe Midt
    DemoMeeting {
        group: "Erfagruppe Midt",
        kind: "erfa",
        title: "Erfamøde i Erfagruppe Midt",
        days_from_today: -248,
        start: (9, 0),
        duration_minutes: 180,
        place: "Silkeborg Rådhus, mødelokale 2",
        online_url: "",
        guests: &[],
        agenda: &[
            DemoAgendaItem {
                title: "Idé: tidspunkt for seneste måling",
                notes: "Randers præsenterer idéen.",
                idea: Some("Svært at se, hvornår en måling sidst er foretaget"),
            },
            DemoAgendaItem {
                title: "Udkast: sortering af medicinlisten",
                notes: "Lars viser et udkast til en idé om sortering efter præparat.",
                idea: Some("Medicinlisten skal kunne sorteres efter præparat"),
            },
            DemoAgendaItem {
                title: "Idé: søgning i journalnotater",
                notes: "Viborg viser eksempler. Kan filtrering i journalen dække behovet?",
                idea: Some("Svært at finde tidligere journalnotater om et bestemt emne"),
            },
            DemoAgendaItem {
                title: "Opfølgning: tjekrunde for manglende medicin",
                notes: "Herning har sat Silkeborgs oversigt op.",
                idea: Some("Vi opdager for sent, når medicin ikke er givet"),
            },
        ],
        minutes: r#"## Drøftelser
- Kasper viste, hvordan sygeplejersker må åbne hver observation for at se, hvornår der sidst er målt. Alle kommuner har samme problem.
- Lars' udkast om sortering af medicinlisten gav en god drøftelse. Flere er glade for sorteringen efter tidspunkt, men afstemning med FMK er tung.
- Viborg viste eksempler på søgning i journalnotater. Filtrering på notattype hjælper lidt, men ikke nok.
- Herning har sat oversigten over manglende medicin op efter Silkeborgs model med en fast tjekrunde om aftenen.

## Aftaler
- Idéen om seneste måling sendes videre.
- Viborg og Horsens afprøver filtreringen i fire uger, før vi tager stilling til journalnotater.
- Lars indsender sin idé og beskriver afstemningssituationen tydeligt.

## Næste møde
Herning Rådhus."#,
        minutes_approved: true,
        absent: &["dorthe.lauridsen@idespor.test"],
        decisions: &[
            DemoDecision {
                title: "Idéen om seneste måling sendes videre",
                text: "Tovholderen sender idéen om tidspunkt for seneste måling videre til tovholdergruppen.",
                reason: "Alle seks kommuner har behovet, og der findes ingen opsætning, der viser tidspunktet i oversigten.",
                ideas: &["Svært at se, hvornår en måling sidst er foretaget"],
                presented_by: &[],
            },
            DemoDecision {
                title: "Filtrering i journalen afprøves før videresendelse",
                text: "Viborg og Horsens afprøver filtrering på notattype og emneord i fire uger. Hvis det ikke dækker behovet, sendes idéen videre.",
                reason: "Vi sender kun idéer videre, når vi har sikret os, at opsætningen ikke kan løse behovet.",
                ideas: &["Svært at finde tidligere journalnotater om et bestemt emne"],
                presented_by: &[],
            },
        ],
    },
    DemoMeeting {
        group: "Erfagruppe Midt",
        kind: "erfa",
        title: "Erfamøde i Erfagruppe Midt",
        days_from_today: -158,
        start: (12, 30),
        duration_minutes: 150,
        place: "Herning Rådhus, mødelokale 5",
        online_url: "https://teams.example.dk/m/erfa-midt-herning",
        guests: &[],
        agenda: &[
            DemoAgendaItem {
                title: "Nyt fra tovholdergruppen",
                notes: "Resultatet af prioriteringsrunden og kundekonferencen.",
                idea: None,
            },
            DemoAgendaItem {
                title: "Idé: ugentligt overblik for ledere",
                notes: "Horsens præsenterer idéen, og Randers viser sin rapportopsætning.",
                idea: Some("Ledere mangler et ugentligt blik på planlagt og leveret tid"),
            },
            DemoAgendaItem {
                title: "Status: borgerens egne aftaler",
                notes: "Prioriteret som nr. 5 og på vej til produktmanagerne.",
                idea: Some("Borgerens egne aftaler mangler i borgerkalenderen"),
            },
            DemoAgendaItem {
                title: "Orientering: sårbilleder lagt sammen med Sjællands idé",
                notes: "Støtterne er flyttet med til Holbæks idé.",
                idea: Some("Overblik over sårets udvikling med billeder"),
            },
            DemoAgendaItem {
                title: "Status: seneste måling",
                notes: "Accepteret af produktmanagerne.",
                idea: Some("Svært at se, hvornår en måling sidst er foretaget"),
            },
        ],
        minutes: r#"## Drøftelser
- Lars gennemgik prioriteringen fra tovholdergruppen. Journalnotater kom ind som nr. 4, borgerens egne aftaler som nr. 5 og sortering af medicinlisten som nr. 6.
- Randers viste, hvordan standardrapporten »Planlagt og leveret tid« kan sendes til lederne hver mandag. Det dækker Horsens' behov.
- Sårbilleder: Kasper er tilfreds med sammenlægningen. Sjællands idé beskriver behovet bedre.
- Idéen om seneste måling er accepteret. Vi kender endnu ikke versionen.

## Aftaler
- Randers lægger vejledningen i erfagruppens mappe. Horsens prøver den af og lukker idéen, hvis den virker.
- Silkeborg stiller med en deltager i kundekonferencens panel.

## Næste møde
Viborg Rådhus."#,
        minutes_approved: true,
        absent: &["louise.krogh@idespor.test"],
        decisions: &[DemoDecision {
            title: "Rapportabonnement bliver gruppens anbefaling",
            text: "Gruppen anbefaler abonnement på rapporten »Planlagt og leveret tid« til alle ledere. Randers deler vejledningen, og idéen lukkes som løst ved konfiguration, når Horsens har prøvet den af.",
            reason: "Standardrapporten dækker behovet uden udvikling.",
            ideas: &["Ledere mangler et ugentligt blik på planlagt og leveret tid"],
            presented_by: &[],
        }],
    },
    DemoMeeting {
        group: "Erfagruppe Midt",
        kind: "erfa",
        title: "Erfamøde i Erfagruppe Midt",
        days_from_today: -72,
        start: (9, 30),
        duration_minutes: 210,
        place: "Viborg Rådhus, mødelokale 3",
        online_url: "",
        guests: &[],
        agenda: &[
            DemoAgendaItem {
                title: "Nyt fra tovholdergruppen",
                notes: "Prioriteringen af genoptræning og rehabilitering og to afslag.",
                idea: None,
            },
            DemoAgendaItem {
                title: "Idé: overdragelse mellem vagter",
                notes: "Herning præsenterer idéen.",
                idea: Some("Overdragelse mellem vagter: hvad er ændret i dag?"),
            },
            DemoAgendaItem {
                title: "Udkast: faste besøg hen over helligdage",
                notes: "Lars viser et udkast til en idé.",
                idea: Some("Faste besøg hen over helligdage skal flyttes i hånden"),
            },
            DemoAgendaItem {
                title: "Orientering: sortering af medicinlisten afvist",
                notes: "Produktmanagerne har i stedet gjort søgningen i medicinlisten hurtigere i 2026.2.",
                idea: Some("Medicinlisten skal kunne sorteres efter præparat"),
            },
            DemoAgendaItem {
                title: "Efterårsudgivelsen 2026.2",
                notes: "Tidspunkt for seneste måling kommer med. Fordeling af test.",
                idea: Some("Svært at se, hvornår en måling sidst er foretaget"),
            },
        ],
        minutes: r#"## Drøftelser
- Morten præsenterede idéen om overdragelse mellem vagter. Koordinatorerne bruger meget tid på at finde ud af, hvad der er ændret siden sidste vagt.
- Lars' udkast om helligdage: alle kommuner flytter faste besøg i hånden før jul og påske.
- Sortering af medicinlisten er afvist. Gruppen forstår begrundelsen om risiko ved medicingivning, men vil afprøve den hurtigere søgning grundigt.
- 2026.2: Randers og Silkeborg tester visningen af seneste måling.

## Aftaler
- Idéen om overdragelse sendes videre.
- Lars indsender idéen om helligdage med eksempler fra tre kommuner.
- Alle melder tilbage om søgningen i medicinlisten på næste møde.

## Næste møde
Aarhus Rådhus."#,
        minutes_approved: true,
        absent: &["kasper.noerby@idespor.test"],
        decisions: &[
            DemoDecision {
                title: "Idéen om overdragelse mellem vagter sendes videre",
                text: "Tovholderen sender idéen videre til tovholdergruppen med en beskrivelse af både koordinatorens og medarbejderens behov.",
                reason: "Behovet findes i alle kommuner i gruppen, og de eksisterende oversigter viser ikke, hvad der er ændret.",
                ideas: &["Overdragelse mellem vagter: hvad er ændret i dag?"],
                presented_by: &[],
            },
            DemoDecision {
                title: "Idéen om helligdage indsendes med eksempler",
                text: "Lars indsender idéen om faste besøg hen over helligdage med eksempler fra Aarhus, Herning og Horsens.",
                reason: "Problemet kommer igen hvert år, og det er spild af planlæggernes tid.",
                ideas: &["Faste besøg hen over helligdage skal flyttes i hånden"],
                presented_by: &[],
            },
        ],
    },
    DemoMeeting {
        group: "Erfagruppe Midt",
        kind: "erfa",
        title: "Erfamøde i Erfagruppe Midt",
        days_from_today: 24,
        start: (10, 0),
        duration_minutes: 180,
        place: "Aarhus Rådhus, mødelokale 2",
        online_url: "https://teams.example.dk/m/erfa-midt-aarhus",
        guests: &[],
        agenda: &[
            DemoAgendaItem {
                title: "Nyt fra tovholdergruppen",
                notes: "Vinterens prioritering, sammenlægning af dubletter og kundekonferencen.",
                idea: None,
            },
            DemoAgendaItem {
                title: "Ny idé: træningsøvelser mellem besøgene",
                notes: "Viborg præsenterer idéen.",
                idea: Some("Borgerne glemmer træningsøvelserne mellem besøgene"),
            },
            DemoAgendaItem {
                title: "Status: sygemeldinger i planlægningen",
                notes: "Videresendt til tovholdergruppen.",
                idea: Some("Sygemeldinger slår for sent igennem i planlægningen"),
            },
            DemoAgendaItem {
                title: "Status: overdragelse mellem vagter",
                notes: "Produktmanagerne har fået svar på deres spørgsmål.",
                idea: Some("Overdragelse mellem vagter: hvad er ændret i dag?"),
            },
            DemoAgendaItem {
                title: "Erfaringer med søgning i medicinlisten",
                notes: "Runde blandt kommunerne.",
                idea: None,
            },
        ],
        minutes: "",
        minutes_approved: false,
        absent: &[],
        decisions: &[],
    },
    // ------------------------------------------------------------------ Erfagruppe Syd
    DemoMeeting {
        group: "Erfagruppe Syd",
        kind: "erfa",
        title: "Erfamøde i Erfagruppe Syd",
        days_from_today: -255,
        start: (9, 30),
        duration_minutes: 210,
        place: "Esbjerg Rådhus, mødelokale 1",
        online_url: "",
        guests: &[],
        agenda: &[
            DemoAgendaItem {
                title: "Idé: registrering ud fra telefonens position",
                notes: "Odense præsenterer idéen. Hvordan ser kommunernes MED-aftaler ud?",
                idea: Some("Besøg skal registreres som udført ud fra telefonens position"),
            },
            DemoAgendaItem {
                title: "Nye medarbejdere og rettigheder: Esbjergs skabeloner",
                notes: "Esbjerg viser skabeloner pr. stillingstype og import fra fil.",
                idea: Some("Det tager for lang tid at give nye medarbejdere de rigtige rettigheder"),
            },
            DemoAgendaItem {
                title: "Status: besked om indlæggelse og udskrivelse",
                notes: "Prioriteret som nr. 1 og sendt til produktmanagerne.",
                idea: Some("Hjemmeplejen hører for sent om indlæggelse og udskrivelse"),
            },
            DemoAgendaItem {
                title: "Status: flyttede besøg",
                notes: "Accepteret af produktmanagerne.",
                idea: Some("Medarbejderen kan ikke se, når et besøg er flyttet"),
            },
        ],
        minutes: r#"## Drøftelser
- Peter præsenterede idéen om registrering ud fra telefonens position. Odense ser en stor tidsbesparelse, men flere kommuner har aftaler i MED-udvalget om, at positionen ikke må bruges.
- Esbjerg viste skabeloner for seks stillingstyper og import fra fil. Varde vil prøve det før sommerens afløsere starter.
- Idéen om indlæggelse og udskrivelse ligger hos produktmanagerne. Flyttede besøg er accepteret.

## Aftaler
- Idéen om telefonens position sendes videre, med en tydelig note om MED-aftalerne.
- Esbjerg sender sin opsætning til Varde og Kolding.
- Hanne spørger tovholdergruppen, om en produktmanager kan komme på næste møde.

## Næste møde
Varde Rådhus."#,
        minutes_approved: true,
        absent: &["susanne.ravn@idespor.test"],
        decisions: &[
            DemoDecision {
                title: "Telefonens position sendes videre med forbehold",
                text: "Idéen sendes videre til tovholdergruppen. Tovholderen skriver med, at flere kommuner har aftaler om, at telefonens position ikke må bruges til registrering.",
                reason: "Behovet er reelt i Odense, men spørgsmålet om overvågning af medarbejdere skal vurderes på tværs af erfagrupperne.",
                ideas: &["Besøg skal registreres som udført ud fra telefonens position"],
                presented_by: &[],
            },
            DemoDecision {
                title: "Esbjergs skabeloner til nye medarbejdere deles",
                text: "Esbjerg deler sine skabeloner og sin importfil. Varde afprøver dem, og virker de, lukker vi idéen som løst ved konfiguration.",
                reason: "Nexus kan allerede oprette medarbejdere ud fra skabeloner; det er opsætningen, der mangler.",
                ideas: &["Det tager for lang tid at give nye medarbejdere de rigtige rettigheder"],
                presented_by: &[],
            },
        ],
    },
    DemoMeeting {
        group: "Erfagruppe Syd",
        kind: "visit",
        title: "Erfamøde med besøg af produktmanagerne",
        days_from_today: -165,
        start: (10, 0),
        duration_minutes: 240,
        place: "Varde Rådhus, mødelokale 2",
        online_url: "https://teams.example.dk/m/erfa-syd-varde-besoeg",
        guests: &["lone.kjaergaard@idespor.test", "sara.lund@idespor.test"],
        agenda: &[
            DemoAgendaItem {
                title: "Velkomst og formål med besøget",
                notes: "Hanne byder velkommen. Vi vil forstå, hvad der sker med vores idéer, når de har forladt erfagruppen.",
                idea: None,
            },
            DemoAgendaItem {
                title: "Fra idé til udgivelse: sådan vurderer produktmanagerne idéerne",
                notes: "Lone Kjærgaard og Sara Lund fortæller om vurdering, backlog og planlægning af udgivelser.",
                idea: None,
            },
            DemoAgendaItem {
                title: "Besked om indlæggelse og udskrivelse",
                notes: "Sara fortæller, hvor idéen står i planen.",
                idea: Some("Hjemmeplejen hører for sent om indlæggelse og udskrivelse"),
            },
            DemoAgendaItem {
                title: "Idé: læste beskeder",
                notes: "Sønderborg præsenterer idéen, og produktmanagerne giver en første vurdering.",
                idea: Some("Vi ved ikke, om vigtige beskeder er læst"),
            },
            DemoAgendaItem {
                title: "Udkast: afslutning af rehabiliteringsforløb",
                notes: "Vejle viser et udkast til en idé.",
                idea: Some("Et helt rehabiliteringsforløb skal kunne afsluttes på én gang"),
            },
            DemoAgendaItem {
                title: "Hvordan når beslutningerne tilbage til erfagruppen?",
                notes: "Spørgsmål fra Varde: hvordan kan vi se, hvad der bliver besluttet, og hvor meget indflydelse vi har?",
                idea: None,
            },
        ],
        minutes: r#"## Besøg fra produktmanagerne
- Lone og Sara gennemgik vejen fra idé til udgivelse: vurdering, spørgsmål til idéen, backlog og planlægning i de to årlige udgivelser.
- Idéen om indlæggelse og udskrivelse er planlagt til 2026.2. Integrationen med sygehusene er den største risiko for planen.
- Produktmanagerne synes, idéen om læste beskeder er godt beskrevet. De vil gerne have den via tovholdergruppen.

## Drøftelser
- Maja spurgte, hvordan viden og beslutninger fra tovholdergruppen kan nå helt ud i erfagrupperne. Der var enighed om, at vejen tilbage ikke virker godt nok i dag.
- Nikolaj viste sit udkast om rehabiliteringsforløb. Det bliver skrevet færdigt og indsendt.

## Aftaler
- Idéen om læste beskeder sendes videre.
- Produktmanagerne sender en kort skriftlig status før hvert erfamøde.

## Næste møde
Kolding Rådhus."#,
        minutes_approved: true,
        absent: &["ane.kofoed@idespor.test"],
        decisions: &[
            DemoDecision {
                title: "Idéen om læste beskeder sendes videre",
                text: "Tovholderen sender idéen om læste beskeder videre til tovholdergruppen med produktmanagernes første vurdering.",
                reason: "Behovet gælder alle kommuner i gruppen, og der findes ingen kvittering for læste beskeder i dag.",
                ideas: &["Vi ved ikke, om vigtige beskeder er læst"],
                presented_by: &[],
            },
            DemoDecision {
                title: "Status fra produktmanagerne er fast punkt",
                text: "Før hvert erfamøde sender produktmanagerne en kort status på gruppens idéer. Tovholderen gennemgår den som fast punkt på dagsordenen.",
                reason: "Gruppen skal kunne se, hvad der sker med idéerne, uden at produktmanagerne skal rejse ud til hvert møde.",
                ideas: &[],
                presented_by: &[],
            },
        ],
    },
    DemoMeeting {
        group: "Erfagruppe Syd",
        kind: "erfa",
        title: "Erfamøde i Erfagruppe Syd",
        days_from_today: -75,
        start: (9, 0),
        duration_minutes: 210,
        place: "Kolding Rådhus, mødelokale 3",
        online_url: "",
        guests: &[],
        agenda: &[
            DemoAgendaItem {
                title: "Nyt fra tovholdergruppen",
                notes: "Prioriteringen af genoptræning og rehabilitering og afslaget på registrering ud fra telefonens position.",
                idea: None,
            },
            DemoAgendaItem {
                title: "Orientering: telefonens position afvist",
                notes: "Tovholdergruppen anbefaler påmindelser om ikke-afsluttede besøg i stedet.",
                idea: Some("Besøg skal registreres som udført ud fra telefonens position"),
            },
            DemoAgendaItem {
                title: "Idé: huskeliste ved udskrivelse",
                notes: "Kolding præsenterer idéen.",
                idea: Some("Huskeliste ved udskrivelse fra sygehus"),
            },
            DemoAgendaItem {
                title: "Udkast: dobbeltbemandede besøg",
                notes: "Esbjerg viser et udkast. Sjælland har en lignende idé.",
                idea: Some("Dobbeltbemandede besøg i planlægningen"),
            },
            DemoAgendaItem {
                title: "Status: besked om indlæggelse og udskrivelse",
                notes: "Flyttet fra 2026.2 til 2027.1.",
                idea: Some("Hjemmeplejen hører for sent om indlæggelse og udskrivelse"),
            },
            DemoAgendaItem {
                title: "Idé: udskrevne kørelister",
                notes: "Vejle spørger, om udskrift fra webudgaven kan dække behovet.",
                idea: Some("Kørelister skal kunne udskrives til medarbejdere uden telefon"),
            },
        ],
        minutes: r#"## Drøftelser
- Afslaget på telefonens position blev taget godt imod. Odense slår påmindelser om ikke-afsluttede besøg til.
- Ane præsenterede huskelisten ved udskrivelse. Alle kommuner bruger i dag egne papirlister.
- Gitte viste udkastet om dobbeltbemandede besøg. Det ligner Sjællands idé meget.
- Idéen om indlæggelse og udskrivelse er flyttet til 2027.1. Gruppen er skuffet, men forstår, at integrationen tager tid.
- Kørelister: udskrift fra webudgaven dækker det meste. Nikolaj overvejer at trække idéen tilbage.

## Aftaler
- Huskelisten sendes videre.
- Gitte indsender sin idé og henviser til Sjællands, så tovholdergruppen kan lægge dem sammen.

## Næste møde
Vejle Rådhus."#,
        minutes_approved: true,
        absent: &["peter.hvid@idespor.test", "ole.matthiesen@idespor.test"],
        decisions: &[
            DemoDecision {
                title: "Huskeliste ved udskrivelse sendes videre",
                text: "Tovholderen sender idéen om en huskeliste ved udskrivelse videre til tovholdergruppen.",
                reason: "Alle kommuner i gruppen har behovet, og egne papirlister giver ikke sporbarhed i journalen.",
                ideas: &["Huskeliste ved udskrivelse fra sygehus"],
                presented_by: &[],
            },
            DemoDecision {
                title: "Dobbeltbemandede besøg koordineres med Sjælland",
                text: "Gitte indsender idéen med en henvisning til Sjællands idé om dobbeltbemandede besøg. Tovholderen foreslår tovholdergruppen at lægge de to idéer sammen.",
                reason: "To idéer om samme behov deler støtterne og står svagere i prioriteringen.",
                ideas: &["Dobbeltbemandede besøg i planlægningen", "Planlægning af dobbeltbemandede besøg"],
                presented_by: &[],
            },
        ],
    },
    DemoMeeting {
        group: "Erfagruppe Syd",
        kind: "erfa",
        title: "Erfamøde i Erfagruppe Syd",
        days_from_today: 12,
        start: (9, 30),
        duration_minutes: 180,
        place: "Vejle Rådhus, mødelokale 4",
        online_url: "https://teams.example.dk/m/erfa-syd-vejle",
        guests: &[],
        agenda: &[
            DemoAgendaItem {
                title: "Nyt fra tovholdergruppen",
                notes: "Vinterens prioritering og sammenlægningen af idéerne om dobbeltbemandede besøg.",
                idea: None,
            },
            DemoAgendaItem {
                title: "Spørgsmål fra produktmanagerne: utilsigtede hændelser",
                notes: "Vi samler ét svar for gruppen: hvilket system, og hvilke oplysninger skal bruges?",
                idea: Some("Utilsigtede hændelser med medicin er svære at følge op på"),
            },
            DemoAgendaItem {
                title: "Ny idé: besked når FMK-forbindelsen fejler",
                notes: "Varde præsenterer idéen.",
                idea: Some("Ingen besked, når forbindelsen til FMK fejler"),
            },
            DemoAgendaItem {
                title: "Udkast: smitterisiko før besøget",
                notes: "Sønderborg viser et udkast og beder om input.",
                idea: Some("Smitterisiko skal kunne ses før besøget"),
            },
            DemoAgendaItem {
                title: "Status: skiftende doser på mobilen",
                notes: "Videresendt til tovholdergruppen.",
                idea: Some("Skiftende doser er svære at læse på mobilen"),
            },
        ],
        minutes: "",
        minutes_approved: false,
        absent: &[],
        decisions: &[],
    },
    // ------------------------------------------------------------------ Erfagruppe Sjælland
    DemoMeeting {
        group: "Erfagruppe Sjælland",
        kind: "erfa",
        title: "Erfamøde i Erfagruppe Sjælland",
        days_from_today: -240,
        start: (9, 0),
        duration_minutes: 180,
        place: "Næstved Rådhus, mødelokale 2",
        online_url: "",
        guests: &[],
        agenda: &[
            DemoAgendaItem {
                title: "Status: sår og sårbilleder",
                notes: "Prioriteret som nr. 3 i tovholdergruppen.",
                idea: Some("Fælles overblik over sår og sårbilleder over tid"),
            },
            DemoAgendaItem {
                title: "Udkast: mobilen logger ud midt i besøget",
                notes: "Køge fortæller om problemet. Er det en indstilling?",
                idea: Some("Mobilen logger ud midt i besøget"),
            },
            DemoAgendaItem {
                title: "Status: genoptræningsplaner fra sygehuset",
                notes: "Sendt til produktmanagerne.",
                idea: Some("Genoptræningsplaner fra sygehuset lander i en fælles indbakke"),
            },
            DemoAgendaItem {
                title: "Udkast: ventetid til genoptræning",
                notes: "Slagelse viser et udkast til en idé.",
                idea: Some("Ventetid til genoptræning kan ikke trækkes ud"),
            },
            DemoAgendaItem { title: "Forårsudgivelsen 2026.1", notes: "Hvem tester hvad?", idea: None },
        ],
        minutes: r#"## Drøftelser
- Sårbilleder er prioriteret som nr. 3. Holbæk svarer gerne på produktmanagernes spørgsmål.
- Køge oplever, at mobilen logger ud midt i besøget. Guldborgsund har samme indstilling, men bruger genindlogning med pinkode.
- Genoptræningsplanerne er sendt til produktmanagerne. Næstved følger op.
- Thomas viste udkastet om ventetid til genoptræning. Kommunerne indberetter i dag ventetiden ved at tælle i hånden.

## Aftaler
- Marianne afklarer tiden før automatisk log ud med Køges informationssikkerhed, før idéen indsendes.
- Thomas skriver idéen om ventetid færdig med eksempler fra tre kommuner.
- Test af 2026.1 fordeles efter sidste års model.

## Næste møde
Holbæk Rådhus."#,
        minutes_approved: true,
        absent: &["frederik.boje@idespor.test"],
        decisions: &[
            DemoDecision {
                title: "Automatisk log ud afklares med informationssikkerhed",
                text: "Køge afklarer med sin informationssikkerhed, hvilken tid før automatisk log ud der kan godkendes, og afprøver genindlogning med pinkode.",
                reason: "Problemet skyldes sandsynligvis en indstilling, som kommunen selv styrer.",
                ideas: &["Mobilen logger ud midt i besøget"],
                presented_by: &[],
            },
            DemoDecision {
                title: "Idéen om ventetid skrives færdig med eksempler",
                text: "Slagelse skriver idéen færdig med eksempler fra tre kommuner og indsender den inden næste møde.",
                reason: "Indberetning af ventetid er et lovkrav, og det manuelle arbejde er stort i alle kommuner.",
                ideas: &["Ventetid til genoptræning kan ikke trækkes ud"],
                presented_by: &[],
            },
        ],
    },
    DemoMeeting {
        group: "Erfagruppe Sjælland",
        kind: "erfa",
        title: "Erfamøde i Erfagruppe Sjælland",
        days_from_today: -135,
        start: (12, 30),
        duration_minutes: 150,
        place: "Holbæk Rådhus, mødelokale 1",
        online_url: "https://teams.example.dk/m/erfa-sjaelland-holbaek",
        guests: &[],
        agenda: &[
            DemoAgendaItem {
                title: "Nyt fra tovholdergruppen",
                notes: "Resultatet af prioriteringsrunden og kundekonferencen.",
                idea: None,
            },
            DemoAgendaItem {
                title: "Idé: tale i stedet for tastatur",
                notes: "Roskilde præsenterer idéen.",
                idea: Some("Dokumentation med tale i stedet for tastatur"),
            },
            DemoAgendaItem {
                title: "Løst: automatisk log ud på mobilen",
                notes: "Køge fortæller om den nye indstilling.",
                idea: Some("Mobilen logger ud midt i besøget"),
            },
            DemoAgendaItem {
                title: "Status: adgangsforhold hos borgeren",
                notes: "Prioriteret som nr. 3.",
                idea: Some("Adgangsforhold hos borgeren er svære at finde"),
            },
            DemoAgendaItem {
                title: "Udkast: dobbeltbemandede besøg",
                notes: "Køge viser et udkast til en idé.",
                idea: Some("Planlægning af dobbeltbemandede besøg"),
            },
        ],
        minutes: r#"## Drøftelser
- Tobias gennemgik tovholdergruppens beslutninger om prioritering og kundekonferencen.
- Tobias præsenterede også sin egen idé om tale til tekst. København har et forsøg i gang, og flere kommuner er interesserede.
- Køge har ændret tiden før automatisk log ud og bruger nu pinkode. Idéen er lukket som løst ved konfiguration.
- Midts idé om sårbilleder er lagt sammen med Holbæks idé, og støtterne er flyttet med.
- Marianne viste udkastet om dobbeltbemandede besøg.

## Aftaler
- Idéen om tale til tekst sendes videre.
- Marianne indsender idéen om dobbeltbemandede besøg.
- Gruppen skriver en fælles anbefaling om log ud-tid og pinkode.

## Næste møde
Slagelse Rådhus."#,
        minutes_approved: true,
        absent: &["christian.riis@idespor.test"],
        decisions: &[
            DemoDecision {
                title: "Idéen om tale til tekst sendes videre",
                text: "Tovholderen sender idéen om dokumentation med tale videre til tovholdergruppen og henviser til Københavns forsøg.",
                reason: "Behovet er stort i alle kommuner, og erfaringerne fra forsøget kan bruges i vurderingen.",
                ideas: &["Dokumentation med tale i stedet for tastatur"],
                presented_by: &[],
            },
            DemoDecision {
                title: "Fælles anbefaling om automatisk log ud",
                text: "Gruppen anbefaler kommunerne at vælge en tid før automatisk log ud, som informationssikkerheden har godkendt, og at bruge genindlogning med pinkode. Anbefalingen lægges i samlingen af opsætningstips.",
                reason: "Køges erfaringer viser, at det løser problemet uden at gå på kompromis med sikkerheden.",
                ideas: &["Mobilen logger ud midt i besøget"],
                presented_by: &[],
            },
        ],
    },
    DemoMeeting {
        group: "Erfagruppe Sjælland",
        kind: "erfa",
        title: "Erfamøde i Erfagruppe Sjælland",
        days_from_today: -9,
        start: (9, 30),
        duration_minutes: 180,
        place: "Slagelse Rådhus, mødelokale 3",
        online_url: "",
        guests: &[],
        agenda: &[
            DemoAgendaItem {
                title: "Nyt fra tovholdergruppen",
                notes: "Vinterens prioritering, sammenlægning af dubletter og kundekonferencen 2027.",
                idea: None,
            },
            DemoAgendaItem {
                title: "Dobbeltbemandede besøg: Syds idé er lagt sammen med vores",
                notes: "Støtterne fra Syd er flyttet med.",
                idea: Some("Planlægning af dobbeltbemandede besøg"),
            },
            DemoAgendaItem {
                title: "Status: tale til tekst er parkeret",
                notes: "Produktmanagerne afventer erfaringerne fra de kommunale forsøg.",
                idea: Some("Dokumentation med tale i stedet for tastatur"),
            },
            DemoAgendaItem {
                title: "Idé: effekten af rehabiliteringsforløb",
                notes: "Guldborgsund fortæller om idéen, som er sendt videre.",
                idea: Some("Effekten af rehabiliteringsforløb kan ikke gøres op"),
            },
            DemoAgendaItem {
                title: "Ny idé: ernæringsscreeninger over tid",
                notes: "Slagelse præsenterer idéen.",
                idea: Some("Ernæringsscreeninger kan ikke følges over tid"),
            },
            DemoAgendaItem {
                title: "Status: hjælpemidler i Nexus",
                notes: "Videresendt til tovholdergruppen.",
                idea: Some("Hjælpemidler fra hjælpemiddelsystemet kan ikke ses i Nexus"),
            },
        ],
        minutes: r#"## Nyt fra tovholdergruppen
- Tobias præsenterede vinterens prioritering med leveringssvigt på medicin øverst og planerne for kundekonferencen 2027.

## Drøftelser
- Dobbeltbemandede besøg: Syds idé er lagt sammen med Køges, så idéen nu har støtte fra begge grupper.
- Tale til tekst er parkeret. Roskilde tilbyder at bidrage til erfaringsopsamlingen fra forsøgene.
- Frederik fortalte om idéen om effekten af rehabilitering. Den er sendt videre.
- Thomas præsenterede idéen om ernæringsscreeninger. Holbæk mener, at en grafvisning af skemaet måske kan dække behovet.

## Aftaler
- Slagelse og Holbæk undersøger opsætningen af screeningsskemaet, før vi tager stilling.
- Sjælland byder ind med et oplæg på kundekonferencen om sårforløb med billeder.

## Næste møde
Roskilde Rådhus."#,
        minutes_approved: false,
        absent: &["helle.juul@idespor.test"],
        decisions: &[
            DemoDecision {
                title: "Ernæringsscreeninger: opsætningen undersøges først",
                text: "Slagelse og Holbæk undersøger, om screeningsskemaet kan vises som graf over tid. Idéen behandles igen på næste møde.",
                reason: "Behovet kan måske løses ved konfiguration, og det skal afklares, før idéen sendes videre.",
                ideas: &["Ernæringsscreeninger kan ikke følges over tid"],
                presented_by: &[],
            },
            DemoDecision {
                title: "Sjælland holder oplæg om sårforløb på kundekonferencen",
                text: "Holbæk og Næstved forbereder et oplæg om sårforløb med billeder til kundekonferencen 2027.",
                reason: "Idéen kom fra gruppen og er på vej i 2027.1, så den er et godt eksempel på vejen fra idé til udgivelse.",
                ideas: &["Fælles overblik over sår og sårbilleder over tid"],
                presented_by: &[],
            },
        ],
    },
    DemoMeeting {
        group: "Erfagruppe Sjælland",
        kind: "erfa",
        title: "Erfamøde i Erfagruppe Sjælland",
        days_from_today: 40,
        start: (10, 0),
        duration_minutes: 180,
        place: "Roskilde Rådhus, mødelokale 2",
        online_url: "https://teams.example.dk/m/erfa-sjaelland-roskilde",
        guests: &[],
        agenda: &[
            DemoAgendaItem { title: "Godkendelse af referat fra sidste møde", notes: "", idea: None },
            DemoAgendaItem {
                title: "Udkast: revurdering af handlingsanvisninger",
                notes: "Holbæk viser et udkast til en idé.",
                idea: Some("Handlingsanvisninger bliver ikke revurderet"),
            },
            DemoAgendaItem {
                title: "Opfølgning: ernæringsscreeninger",
                notes: "Slagelse og Holbæk fortæller, hvad de har fundet ud af om screeningsskemaet.",
                idea: Some("Ernæringsscreeninger kan ikke følges over tid"),
            },
            DemoAgendaItem {
                title: "Forberedelse af test: sårforløb i 2027.1",
                notes: "Hvem tester sårforløbet med billeder?",
                idea: Some("Fælles overblik over sår og sårbilleder over tid"),
            },
        ],
        minutes: "",
        minutes_approved: false,
        absent: &[],
        decisions: &[],
    },
    // ------------------------------------------------------------------ Erfagruppe Hovedstaden
    DemoMeeting {
        group: "Erfagruppe Hovedstaden",
        kind: "erfa",
        title: "Erfamøde i Erfagruppe Hovedstaden",
        days_from_today: -225,
        start: (13, 0),
        duration_minutes: 150,
        place: "Frederiksberg Rådhus, mødelokale 2",
        online_url: "https://teams.example.dk/m/erfa-hovedstaden-frederiksberg",
        guests: &[],
        agenda: &[
            DemoAgendaItem {
                title: "Status: ruteplanlægning med cykel og gang",
                notes: "Prioriteret som nr. 2 og sendt til produktmanagerne.",
                idea: Some("Ruteplanlægningen kender kun bil som transportform"),
            },
            DemoAgendaItem {
                title: "Status: aflyste besøg",
                notes: "Videresendt og på vej i prioriteringsrunden.",
                idea: Some("Ledelsen mangler overblik over aflyste besøg"),
            },
            DemoAgendaItem {
                title: "Status: borgerens egne målinger",
                notes: "Accepteret og ventes planlagt til 2026.1.",
                idea: Some("Borgerens egne målinger skal med i journalen"),
            },
            DemoAgendaItem {
                title: "Udkast: samlet billede ved revisitation",
                notes: "Ballerup viser et udkast til en idé.",
                idea: Some("Samlet billede af borgerens tilstande ved revisitation"),
            },
        ],
        minutes: r#"## Drøftelser
- Ruteplanlægning med cykel og gang ligger hos produktmanagerne. Frederiksberg og København kører i dag på cykel i hovedparten af ruterne.
- Aflyste besøg er videresendt. Gentofte har lavet et midlertidigt udtræk, som andre gerne må bruge.
- Borgerens egne målinger ventes planlagt til 2026.1. København forbereder en pilot med to teams.
- Simon viste udkastet om et samlet billede ved revisitation. Gruppen foreslog først at prøve tilstandsoversigten.

## Aftaler
- Frederiksberg og København samler erfaringer med cykelruter til produktmanagerne.
- Simon afprøver tilstandsoversigten og indsender idéen, hvis den ikke dækker behovet.

## Næste møde
Gentofte Rådhus."#,
        minutes_approved: true,
        absent: &["ida.munk@idespor.test"],
        decisions: &[
            DemoDecision {
                title: "Erfaringer med cykelruter samles",
                text: "Frederiksberg og København samler erfaringer med rutetider på cykel og til fods og sender dem til produktmanagerne som bilag til idéen.",
                reason: "Konkrete tal gør det lettere for produktmanagerne at vurdere og planlægge idéen.",
                ideas: &["Ruteplanlægningen kender kun bil som transportform"],
                presented_by: &[],
            },
            DemoDecision {
                title: "Samlet billede ved revisitation indsendes efter afprøvning",
                text: "Ballerup afprøver tilstandsoversigten i to uger. Dækker den ikke behovet, indsendes idéen.",
                reason: "Vi vil være sikre på, at konfiguration ikke løser behovet, før idéen går videre.",
                ideas: &["Samlet billede af borgerens tilstande ved revisitation"],
                presented_by: &[],
            },
        ],
    },
    DemoMeeting {
        group: "Erfagruppe Hovedstaden",
        kind: "erfa",
        title: "Erfamøde i Erfagruppe Hovedstaden",
        days_from_today: -120,
        start: (9, 0),
        duration_minutes: 180,
        place: "Gentofte Rådhus, mødelokale 4",
        online_url: "",
        guests: &[],
        agenda: &[
            DemoAgendaItem {
                title: "Nyt fra tovholdergruppen",
                notes: "Resultatet af prioriteringsrunden, kundekonferencen og tilbagemeldinger som fast punkt.",
                idea: None,
            },
            DemoAgendaItem {
                title: "Leveret: offline-tilstand",
                notes: "Bornholm fortæller om de første erfaringer.",
                idea: Some("Dårlig dækning stopper dokumentationen ude hos borgeren"),
            },
            DemoAgendaItem {
                title: "Orientering: borgerens egne målinger afvist",
                notes: "Fortrængt af lovgivning. Hvad gør vi nu?",
                idea: Some("Borgerens egne målinger skal med i journalen"),
            },
            DemoAgendaItem {
                title: "Status: borgernes adgang til besøgstider",
                notes: "Videresendt til tovholdergruppen.",
                idea: Some("Borgerne vil selv kunne se, hvornår vi kommer"),
            },
            DemoAgendaItem {
                title: "Udkast: startsiden på mobilen",
                notes: "København viser et udkast til en idé.",
                idea: Some("Startsiden på mobilen passer ikke til alle faggrupper"),
            },
        ],
        minutes: r#"## Drøftelser
- Camilla gennemgik tovholdergruppens beslutninger. Gruppen er glad for, at beslutningerne nu er et fast punkt.
- Offline-tilstanden virker godt på Bornholm. Der er enkelte problemer med synkronisering af observationer.
- Borgerens egne målinger er afvist, fordi ældreloven og sundhedsreformen går forud. Ærgerligt, men forståeligt.
- Emil viste udkastet om startsiden. Terapeuter og sygeplejersker har brug for noget andet end hjemmeplejen.

## Aftaler
- Idéen om egne målinger tages op igen, når de nationale rammer for hjemmemonitorering er kendt.
- Emil indsender idéen om startsiden.
- Bornholm beskriver synkroniseringsproblemerne i en fejlmelding.

## Næste møde
Hillerød Rådhus."#,
        minutes_approved: true,
        absent: &["martin.ebbesen@idespor.test"],
        decisions: &[
            DemoDecision {
                title: "Borgerens egne målinger tages op igen senere",
                text: "Gruppen genindsender idéen om borgerens egne målinger, når de nationale rammer for hjemmemonitorering er på plads. København holder øje.",
                reason: "Produktmanagerne har afvist idéen, fordi lovgivningen går forud, men de vil gerne have den igen.",
                ideas: &["Borgerens egne målinger skal med i journalen"],
                presented_by: &[],
            },
            DemoDecision {
                title: "Idéen om startsiden indsendes",
                text: "Emil indsender idéen om startsider tilpasset faggrupper. Gruppen støtter den på vegne af kommunerne.",
                reason: "Ingen af kommunerne har kunnet løse det med de nuværende profiler.",
                ideas: &["Startsiden på mobilen passer ikke til alle faggrupper"],
                presented_by: &[],
            },
        ],
    },
    DemoMeeting {
        group: "Erfagruppe Hovedstaden",
        kind: "erfa",
        title: "Erfamøde i Erfagruppe Hovedstaden",
        days_from_today: -13,
        start: (13, 0),
        duration_minutes: 120,
        place: "Hillerød Rådhus, mødelokale 1",
        online_url: "https://teams.example.dk/m/erfa-hovedstaden-hilleroed",
        guests: &[],
        agenda: &[
            DemoAgendaItem {
                title: "Nyt fra tovholdergruppen",
                notes: "Vinterens prioritering, sammenlægning af dubletter og den parkerede idé om besøgstider.",
                idea: None,
            },
            DemoAgendaItem {
                title: "Spørgsmål fra produktmanagerne: nødadgang for akutteamet",
                notes: "Har vi prøvet den midlertidige adgang med begrundelse, og hvad mangler vi?",
                idea: Some("Akutteamet mangler adgang til journalen hos borgere i andre distrikter"),
            },
            DemoAgendaItem {
                title: "Tjeklisten er lagt sammen med Syds huskeliste",
                notes: "Støtterne er flyttet med.",
                idea: Some("Tjekliste når borgeren kommer hjem fra sygehuset"),
            },
            DemoAgendaItem {
                title: "Status: ventelister til træningshold",
                notes: "Prioriteret som nr. 3 i vinterens runde.",
                idea: Some("Vi mangler overblik over ventelister til træningshold"),
            },
            DemoAgendaItem {
                title: "Idé: sammenligning af rettighedsprofiler",
                notes: "Gentofte præsenterer idéen.",
                idea: Some("Det er svært at sammenligne to rettighedsprofiler"),
            },
        ],
        minutes: r#"## Nyt fra tovholdergruppen
- Camilla præsenterede vinterens prioritering og sammenlægningen af dubletter. Idéen om besøgstider for borgerne er parkeret, til den fælleskommunale retning er kendt.

## Drøftelser
- Nødadgang: Hillerød har prøvet den midlertidige adgang. Akutteamet mangler adgang til handlingsanvisninger, ikke kun til journalen.
- Tjeklisten er lagt sammen med huskelisten fra Syd. Ida er tilfreds, fordi idéen nu har flere støtter.
- Ventelister til træningshold er prioriteret som nr. 3.
- Martin præsenterede idéen om rettighedsprofiler. Frederiksberg har et udtræk, der måske kan bruges.

## Aftaler
- Rikke og Emil skriver gruppens svar til produktmanagerne om nødadgang.
- Gentofte afprøver Frederiksbergs udtræk, før idéen sendes videre.

## Næste møde
Online."#,
        minutes_approved: false,
        absent: &["simon.kjaer@idespor.test", "julie.thygesen@idespor.test"],
        decisions: &[
            DemoDecision {
                title: "Fælles svar om nødadgang",
                text: "Hillerød og København skriver gruppens svar på produktmanagernes spørgsmål om nødadgang. Svaret beskriver, hvad akutteamet mangler i den midlertidige adgang.",
                reason: "Produktmanagerne har brug for konkrete eksempler for at kunne vurdere idéen.",
                ideas: &["Akutteamet mangler adgang til journalen hos borgere i andre distrikter"],
                presented_by: &[],
            },
            DemoDecision {
                title: "Rettighedsprofiler: udtræk afprøves først",
                text: "Gentofte afprøver Frederiksbergs udtræk af rettighedsprofiler. Idéen bliver i erfagruppen, til vi kender resultatet.",
                reason: "Et udtræk kan måske dække behovet uden udvikling.",
                ideas: &["Det er svært at sammenligne to rettighedsprofiler"],
                presented_by: &[],
            },
        ],
    },
    DemoMeeting {
        group: "Erfagruppe Hovedstaden",
        kind: "erfa",
        title: "Online erfamøde i Erfagruppe Hovedstaden",
        days_from_today: 35,
        start: (14, 0),
        duration_minutes: 90,
        place: "",
        online_url: "https://teams.example.dk/m/erfa-hovedstaden-online",
        guests: &[],
        agenda: &[
            DemoAgendaItem { title: "Godkendelse af referat fra sidste møde", notes: "", idea: None },
            DemoAgendaItem {
                title: "Udkast: tid brugt på dokumentation",
                notes: "København viser et udkast til en idé.",
                idea: Some("Hvor meget tid bruger medarbejderne på dokumentation?"),
            },
            DemoAgendaItem {
                title: "Status: nødadgang for akutteamet",
                notes: "Svaret er sendt til produktmanagerne.",
                idea: Some("Akutteamet mangler adgang til journalen hos borgere i andre distrikter"),
            },
            DemoAgendaItem {
                title: "Status: samlet billede ved revisitation",
                notes: "Planlagt til 2027.2.",
                idea: Some("Samlet billede af borgerens tilstande ved revisitation"),
            },
            DemoAgendaItem { title: "Mødeplan for det kommende år", notes: "", idea: None },
        ],
        minutes: "",
        minutes_approved: false,
        absent: &[],
        decisions: &[],
    },
    // ------------------------------------------------------------------ Tovholdergruppen
    DemoMeeting {
        group: "Tovholdergruppen",
        kind: "steering",
        title: "Tovholdermøde",
        days_from_today: -200,
        start: (10, 0),
        duration_minutes: 240,
        place: "Middelfart Rådhus, mødelokale 1",
        online_url: "https://teams.example.dk/m/tovholdergruppen-middelfart",
        guests: &[],
        agenda: &[
            DemoAgendaItem {
                title: "Runde: nyt fra erfagrupperne",
                notes: "Hver tovholder fortæller kort om gruppens seneste møde.",
                idea: None,
            },
            DemoAgendaItem {
                title: "Resultat af prioriteringsrunden",
                notes: "Hver erfagruppe har fordelt 100 point. Stemmesedlerne er offentliggjort med resultatet.",
                idea: None,
            },
            DemoAgendaItem {
                title: "Aflyste besøg",
                notes: "Højest placerede nye idé i runden.",
                idea: Some("Ledelsen mangler overblik over aflyste besøg"),
            },
            DemoAgendaItem {
                title: "Registrering ud fra telefonens position: første drøftelse",
                notes: "Idéen rejser spørgsmål om overvågning. Skal erfagrupperne høres?",
                idea: Some("Besøg skal registreres som udført ud fra telefonens position"),
            },
            DemoAgendaItem { title: "Kundekonferencen: tema og program", notes: "", idea: None },
            DemoAgendaItem {
                title: "Sådan når beslutningerne ud i erfagrupperne",
                notes: "Forslag om et fast punkt på alle erfamøder.",
                idea: None,
            },
        ],
        minutes: r#"## Prioritering
- Runden gav et klart resultat. Aflyste besøg kom ind som nr. 3 efter vikarers adgang og besked om indlæggelse og udskrivelse, som fastholdes øverst.
- Stemmesedlerne offentliggøres sammen med resultatet, så alle kan regne efter.

## Telefonens position
- Idéen deler vandene. Flere kommuner har aftaler i MED-udvalget om, at positionen ikke må bruges. Erfagrupperne høres, før vi beslutter.

## Kundekonferencen
- Temaet bliver »Fra idé til udgivelse«. Hver erfagruppe byder ind med et oplæg.

## Tilbagemelding
- Tovholdergruppens beslutninger bliver fast punkt på alle erfamøder, og tovholderen markerer dem som præsenteret.

## Næste møde
Online."#,
        minutes_approved: true,
        absent: &["pernille.frost@idespor.test"],
        decisions: &[
            DemoDecision {
                title: "Prioriteringen fra runden stadfæstes",
                text: "Aflyste besøg sendes videre som nr. 3, søgning i journalnotater som nr. 4, borgerens egne aftaler som nr. 5 og sortering af medicinlisten som nr. 6. Vikarers adgang og besked om indlæggelse og udskrivelse fastholdes som nr. 1 og 2.",
                reason: "Rækkefølgen følger pointene fra erfagrupperne. De to øverste idéer fra sidste runde er endnu ikke planlagt og beholder deres plads.",
                ideas: &[
                    "Ledelsen mangler overblik over aflyste besøg",
                    "Svært at finde tidligere journalnotater om et bestemt emne",
                    "Borgerens egne aftaler mangler i borgerkalenderen",
                    "Medicinlisten skal kunne sorteres efter præparat",
                ],
                presented_by: &[
                    "Erfagruppe Nord",
                    "Erfagruppe Midt",
                    "Erfagruppe Syd",
                    "Erfagruppe Sjælland",
                    "Erfagruppe Hovedstaden",
                ],
            },
            DemoDecision {
                title: "Kundekonferencen får temaet »Fra idé til udgivelse«",
                text: "Kundekonferencen bygges op om idéernes vej fra erfagruppe til udgivelse. Hver erfagruppe byder ind med ét oplæg om en idé, der er leveret eller løst ved konfiguration.",
                reason: "Mange kunder spørger, hvad der sker med deres idéer. Konferencen skal vise vejen og resultaterne.",
                ideas: &[],
                presented_by: &[
                    "Erfagruppe Nord",
                    "Erfagruppe Midt",
                    "Erfagruppe Syd",
                    "Erfagruppe Sjælland",
                    "Erfagruppe Hovedstaden",
                ],
            },
            DemoDecision {
                title: "Tovholdergruppens beslutninger er fast punkt på erfamøderne",
                text: "Alle tovholdergruppens beslutninger præsenteres på det næste møde i hver erfagruppe. Tovholderen markerer i Idéspor, at beslutningen er præsenteret.",
                reason: "Viden og beslutninger skal nå helt ud i erfagrupperne, og vi skal kunne se, hvor de mangler.",
                ideas: &[],
                presented_by: &["Erfagruppe Nord", "Erfagruppe Syd", "Erfagruppe Sjælland", "Erfagruppe Hovedstaden"],
            },
        ],
    },
    DemoMeeting {
        group: "Tovholdergruppen",
        kind: "steering",
        title: "Tovholdermøde (online)",
        days_from_today: -110,
        start: (9, 0),
        duration_minutes: 180,
        place: "",
        online_url: "https://teams.example.dk/m/tovholdergruppen-online",
        guests: &["lone.kjaergaard@idespor.test"],
        agenda: &[
            DemoAgendaItem {
                title: "Status fra produktmanagerne",
                notes: "Lone Kjærgaard gennemgår status på de prioriterede idéer.",
                idea: None,
            },
            DemoAgendaItem {
                title: "Prioritering: ventetid til genoptræning",
                notes: "Lovkrav om indberetning af ventetid.",
                idea: Some("Ventetid til genoptræning kan ikke trækkes ud"),
            },
            DemoAgendaItem {
                title: "Prioritering: afslutning af rehabiliteringsforløb",
                notes: "",
                idea: Some("Et helt rehabiliteringsforløb skal kunne afsluttes på én gang"),
            },
            DemoAgendaItem {
                title: "Telefonens position: høringssvar fra erfagrupperne",
                notes: "Alle fem erfagrupper har svaret.",
                idea: Some("Besøg skal registreres som udført ud fra telefonens position"),
            },
            DemoAgendaItem {
                title: "Borgernes adgang til besøgstider",
                notes: "Afhænger af den fælleskommunale retning for borgervendte løsninger.",
                idea: Some("Borgerne vil selv kunne se, hvornår vi kommer"),
            },
            DemoAgendaItem { title: "Evaluering af kundekonferencen", notes: "", idea: None },
        ],
        minutes: r#"## Status fra produktmanagerne
- Lone gennemgik de prioriterede idéer. Besked om indlæggelse og udskrivelse er flyttet til 2027.1 på grund af integrationen med sygehusene.

## Idéer
- Genoptræning og rehabilitering prioriteres højt. Tale til tekst prioriteres også, men med forbehold for databehandling i skyen.
- Telefonens position: tre af fem erfagrupper peger på MED-aftaler, som forbyder brug af positionen. Idéen afvises.
- Besøgstider for borgerne: idéen parkeres, til den fælleskommunale retning for borgervendte løsninger er kendt.

## Kundekonferencen
- God evaluering. Oplæggene fra erfagrupperne fik de bedste karakterer.

## Næste møde
Hybridmøde i Middelfart."#,
        minutes_approved: true,
        absent: &["lars.dalgaard@idespor.test"],
        decisions: &[
            DemoDecision {
                title: "Genoptræning og rehabilitering prioriteres",
                text: "Ventetid til genoptræning og afslutning af hele rehabiliteringsforløb prioriteres og sendes til produktmanagerne. Tale til tekst prioriteres også, med forbehold for afklaring af databehandling.",
                reason: "Indberetning af ventetid er et lovkrav, og begge idéer sparer terapeuterne for meget manuelt arbejde.",
                ideas: &[
                    "Ventetid til genoptræning kan ikke trækkes ud",
                    "Et helt rehabiliteringsforløb skal kunne afsluttes på én gang",
                    "Dokumentation med tale i stedet for tastatur",
                ],
                presented_by: &[
                    "Erfagruppe Nord",
                    "Erfagruppe Midt",
                    "Erfagruppe Syd",
                    "Erfagruppe Sjælland",
                    "Erfagruppe Hovedstaden",
                ],
            },
            DemoDecision {
                title: "Registrering ud fra telefonens position afvises",
                text: "Idéen afvises. Tovholdergruppen anbefaler i stedet påmindelser om ikke-afsluttede besøg, som allerede kan slås til pr. organisation.",
                reason: "Flere kommuner har aftalt med medarbejderne, at telefonens position ikke bruges til registrering, og idéen rejser spørgsmål om overvågning af medarbejdere.",
                ideas: &["Besøg skal registreres som udført ud fra telefonens position"],
                presented_by: &[
                    "Erfagruppe Nord",
                    "Erfagruppe Midt",
                    "Erfagruppe Syd",
                    "Erfagruppe Sjælland",
                    "Erfagruppe Hovedstaden",
                ],
            },
            DemoDecision {
                title: "Borgernes adgang til besøgstider parkeres",
                text: "Idéen parkeres, og tovholdergruppen tager den op igen, når den fælleskommunale retning for borgervendte løsninger og pårørendes adgang er kendt.",
                reason: "En løsning i Nexus nu risikerer at stride mod den fælles retning, som er på vej.",
                ideas: &["Borgerne vil selv kunne se, hvornår vi kommer"],
                presented_by: &["Erfagruppe Nord", "Erfagruppe Syd", "Erfagruppe Sjælland", "Erfagruppe Hovedstaden"],
            },
        ],
    },
    DemoMeeting {
        group: "Tovholdergruppen",
        kind: "steering",
        title: "Tovholdermøde",
        days_from_today: -20,
        start: (10, 0),
        duration_minutes: 210,
        place: "Middelfart Rådhus, mødelokale 1",
        online_url: "https://teams.example.dk/m/tovholdergruppen-middelfart",
        guests: &[],
        agenda: &[
            DemoAgendaItem { title: "Runde: nyt fra erfagrupperne", notes: "", idea: None },
            DemoAgendaItem {
                title: "Vinterens prioriteringsrunde: resultat",
                notes: "Leveringssvigt på medicin fik flest point.",
                idea: Some("Vi ved ikke, hvilke borgere der rammes af leveringssvigt på medicin"),
            },
            DemoAgendaItem {
                title: "Dublet: tjekliste ved hjemkomst fra sygehus",
                notes: "Samme behov som huskelisten fra Syd.",
                idea: Some("Tjekliste når borgeren kommer hjem fra sygehuset"),
            },
            DemoAgendaItem {
                title: "Dublet: dobbeltbemandede besøg",
                notes: "Syd har selv foreslået at lægge idéen sammen med Sjællands.",
                idea: Some("Dobbeltbemandede besøg i planlægningen"),
            },
            DemoAgendaItem {
                title: "Faste besøg hen over helligdage",
                notes: "",
                idea: Some("Faste besøg hen over helligdage skal flyttes i hånden"),
            },
            DemoAgendaItem {
                title: "Kundekonferencen 2027",
                notes: "Format, tema og oplæg fra erfagrupperne.",
                idea: None,
            },
        ],
        minutes: r#"## Prioritering
- Vinterens runde er afsluttet. Leveringssvigt på medicin fik flest point, fulgt af kommunikation med borgeren og huskelisten ved udskrivelse. Ventelister til træningshold og helligdage kom ind som nr. 3 og 4.

## Dubletter
- Tjeklisten fra Hovedstaden lægges sammen med huskelisten fra Syd.
- Syds idé om dobbeltbemandede besøg lægges sammen med Sjællands.
- Støtter og følgere flyttes med til de idéer, der fortsætter.

## Kundekonferencen 2027
- Konferencen holdes over to dage med en dag for systemadministratorer. Erfagrupperne melder oplæg ind senest ved næste møde.

## Næste møde
Online, med Sara Lund som gæst."#,
        minutes_approved: true,
        absent: &["hanne.bro@idespor.test"],
        decisions: &[
            DemoDecision {
                title: "Vinterens prioritering: leveringssvigt på medicin øverst",
                text: "Leveringssvigt på medicin prioriteres øverst, fulgt af kommunikation med borgeren og huskelisten ved udskrivelse. Ventelister til træningshold og faste besøg hen over helligdage prioriteres som nr. 3 og 4.",
                reason: "Rækkefølgen følger pointene fra de fem erfagrupper. Leveringssvigt handler om patientsikkerhed og fik point fra alle grupper.",
                ideas: &[
                    "Vi ved ikke, hvilke borgere der rammes af leveringssvigt på medicin",
                    "Oplysninger om kommunikation med borgeren mangler ved besøget",
                    "Huskeliste ved udskrivelse fra sygehus",
                    "Vi mangler overblik over ventelister til træningshold",
                    "Faste besøg hen over helligdage skal flyttes i hånden",
                ],
                presented_by: &["Erfagruppe Sjælland", "Erfagruppe Hovedstaden"],
            },
            DemoDecision {
                title: "To par dubletter lægges sammen",
                text: "Tjeklisten ved hjemkomst lægges sammen med huskelisten ved udskrivelse, og Syds idé om dobbeltbemandede besøg lægges sammen med Sjællands. Støtter og følgere flyttes med.",
                reason: "Idéerne beskriver samme behov. Samlet står de stærkere, og produktmanagerne skal kun vurdere én idé.",
                ideas: &[
                    "Tjekliste når borgeren kommer hjem fra sygehuset",
                    "Huskeliste ved udskrivelse fra sygehus",
                    "Dobbeltbemandede besøg i planlægningen",
                    "Planlægning af dobbeltbemandede besøg",
                ],
                presented_by: &["Erfagruppe Sjælland", "Erfagruppe Hovedstaden"],
            },
            DemoDecision {
                title: "Kundekonferencen 2027 holdes over to dage",
                text: "Kundekonferencen 2027 får to dage: en fælles dag med oplæg og paneldebat og en dag for systemadministratorer. Hver erfagruppe melder et oplæg ind senest ved næste tovholdermøde.",
                reason: "Deltagerne har efterspurgt mere tid til erfaringsudveksling om konfiguration.",
                ideas: &[],
                presented_by: &["Erfagruppe Sjælland"],
            },
        ],
    },
    DemoMeeting {
        group: "Tovholdergruppen",
        kind: "steering",
        title: "Tovholdermøde (online)",
        days_from_today: 25,
        start: (9, 0),
        duration_minutes: 150,
        place: "",
        online_url: "https://teams.example.dk/m/tovholdergruppen-online",
        guests: &["sara.lund@idespor.test"],
        agenda: &[
            DemoAgendaItem {
                title: "Runde: nyt fra erfagrupperne",
                notes: "Herunder hvilke grupper der endnu mangler at præsentere beslutningerne fra sidste møde.",
                idea: None,
            },
            DemoAgendaItem {
                title: "Videresendt: skiftende doser på mobilen",
                notes: "",
                idea: Some("Skiftende doser er svære at læse på mobilen"),
            },
            DemoAgendaItem {
                title: "Videresendt: besøg, der ikke blev gennemført",
                notes: "",
                idea: Some("Besøg, der ikke blev gennemført, bliver ikke fulgt op"),
            },
            DemoAgendaItem {
                title: "Videresendt: sygemeldinger i planlægningen",
                notes: "",
                idea: Some("Sygemeldinger slår for sent igennem i planlægningen"),
            },
            DemoAgendaItem {
                title: "Videresendt: hjælpemidler i Nexus",
                notes: "Sara Lund fortæller om integrationen til hjælpemiddelsystemerne.",
                idea: Some("Hjælpemidler fra hjælpemiddelsystemet kan ikke ses i Nexus"),
            },
            DemoAgendaItem { title: "Kundekonferencen 2027: oplæg fra erfagrupperne", notes: "", idea: None },
        ],
        minutes: "",
        minutes_approved: false,
        absent: &[],
        decisions: &[],
    },
    // ------------------------------------------------------------------ Produktmanagergruppen
    DemoMeeting {
        group: "Produktmanagergruppen",
        kind: "other",
        title: "Produktmanagermøde: vurdering af nye idéer",
        days_from_today: -45,
        start: (13, 0),
        duration_minutes: 120,
        place: "",
        online_url: "https://teams.example.dk/m/produktmanagere",
        guests: &[],
        agenda: &[
            DemoAgendaItem { title: "Status på 2027.1", notes: "", idea: None },
            DemoAgendaItem {
                title: "Utilsigtede hændelser med medicin",
                notes: "Behovet er uklart. Hvilke oplysninger skal bruges i analysen?",
                idea: Some("Utilsigtede hændelser med medicin er svære at følge op på"),
            },
            DemoAgendaItem {
                title: "Akutteamets adgang på tværs af distrikter",
                notes: "Nødadgang findes i dag. Hvad mangler?",
                idea: Some("Akutteamet mangler adgang til journalen hos borgere i andre distrikter"),
            },
            DemoAgendaItem { title: "Besøg hos erfagrupperne", notes: "Hvem tager ud til hvilke møder?", idea: None },
        ],
        minutes: r#"## Status
- 2027.1 følger planen. Ruteplanlægning med cykel og gang og sårforløb med billeder er under udvikling.

## Idéer
- Utilsigtede hændelser og akutteamets adgang er begge for uklare til en vurdering. Vi stiller et spørgsmål til hver idé i stedet for at afvise.

## Besøg
- Vi kommer gerne på erfamøder, men satser først på den skriftlige status, som Erfagruppe Syd har bedt om.

## Næste møde
Online."#,
        minutes_approved: true,
        absent: &["mikkel.thorsen@idespor.test"],
        decisions: &[DemoDecision {
            title: "Uklare idéer får et spørgsmål i stedet for et afslag",
            text: "Idéerne om utilsigtede hændelser og akutteamets adgang får hver et spørgsmål til erfagruppen. Vi vurderer dem, når svarene er kommet.",
            reason: "Behovene er reelle, men vi kan ikke vurdere dem uden konkrete eksempler fra kommunerne.",
            ideas: &[
                "Utilsigtede hændelser med medicin er svære at følge op på",
                "Akutteamet mangler adgang til journalen hos borgere i andre distrikter",
            ],
            presented_by: &[],
        }],
    },
    DemoMeeting {
        group: "Produktmanagergruppen",
        kind: "other",
        title: "Produktmanagermøde: planlægning af 2027.2",
        days_from_today: 15,
        start: (13, 0),
        duration_minutes: 120,
        place: "",
        online_url: "https://teams.example.dk/m/produktmanagere",
        guests: &[],
        agenda: &[
            DemoAgendaItem {
                title: "Idéer fra vinterens prioriteringsrunde",
                notes: "Leveringssvigt på medicin står øverst.",
                idea: Some("Vi ved ikke, hvilke borgere der rammes af leveringssvigt på medicin"),
            },
            DemoAgendaItem {
                title: "Planlægning af 2027.2",
                notes: "",
                idea: Some("Samlet billede af borgerens tilstande ved revisitation"),
            },
            DemoAgendaItem { title: "Forberedelse af tovholdermødet", notes: "", idea: None },
        ],
        minutes: "",
        minutes_approved: false,
        absent: &[],
        decisions: &[],
    },
];
