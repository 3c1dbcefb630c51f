# Idéspor: dansk (standardsprog)

skip-to-content = Gå til indhold
nav-label = Hovedmenu
nav-overview = Mit overblik
nav-organizations = Organisationer
nav-groups = Grupper
nav-admin = Administration
nav-profile = Min profil
nav-logout = Log ud
footer-text = Idéspor: fra idé til beslutning, og tilbage igen.

form-required = skal udfyldes
form-has-errors = Formularen har fejl
form-save = Gem
form-none = Ingen
form-actions = Handlinger

error-back-home = Gå til forsiden
error-title-400 = Forkert forespørgsel
error-title-401 = Du er ikke logget ind
error-title-403 = Det har du ikke adgang til
error-title-404 = Siden findes ikke
error-title-409 = Det kan ikke lade sig gøre lige nu
error-title-413 = For meget indhold
error-title-422 = Oplysningerne er ikke gyldige
error-title-429 = For mange forsøg
error-title-500 = Der skete en fejl
error-title-503 = Idéspor er ikke tilgængelig lige nu

login-title = Log ind
login-intro = Log ind med din arbejdsmail og din adgangskode.
login-submit = Log ind
field-email = E-mail
field-password = Adgangskode

invitation-title = Velkommen til Idéspor
invitation-intro = Hej { $name }. Vælg en adgangskode for at tage din konto i brug.
invitation-submit = Gem adgangskode
field-new-password = Ny adgangskode
hint-password = Mindst 10 tegn. En sætning er lettere at huske end et kodeord.

overview-title = Mit overblik
overview-welcome = Velkommen, { $name }.
overview-my-organization = Min organisation
overview-no-organization = Du er ikke knyttet til en organisation.
overview-my-groups = Mine grupper
overview-no-groups = Du er ikke medlem af nogen grupper endnu.

group-kind-erfa = Erfagruppe
group-kind-steering = Tovholdergruppe
group-kind-product = Produktmanagergruppe
role-coordinator = Tovholder
role-member = Medlem

orgs-title = Organisationer
orgs-filter = Filtrér organisationer
orgs-count = { $count ->
    [one] 1 organisation
   *[other] { $count } organisationer
}
filter-all = Alle
filter-apply = Vis
org-kind-municipality = Kommune
org-kind-region = Region
org-kind-vendor = Leverandør
field-kind = Type
field-name = Navn
field-code = Kode
field-region = Region
field-official-name = Officielt navn
field-cvr = CVR-nummer
org-groups = Grupper
org-no-groups = Organisationen er ikke med i nogen grupper.
org-people = Personer
org-no-people = Ingen personer fra organisationen bruger Idéspor endnu.

groups-title = Grupper
groups-intro = Erfagrupperne samler kommunerne regionalt. Tovholdergruppen består af erfagruppernes tovholdere og leverandørens repræsentanter og bringer idéerne videre til produktmanagerne.
groups-coordinators = Tovholdere
groups-organizations = Organisationer
groups-members = Personer
group-coordinators = Tovholdere
group-no-coordinators = Gruppen har ingen tovholder endnu.
group-members = Medlemmer
group-no-members = Gruppen har ingen medlemmer endnu.
group-organizations = Organisationer i gruppen

profile-title = Min profil
profile-details = Mine oplysninger
hint-work-email = Brug din arbejdsmail. Idéspor gemmer kun oplysninger om dig som medarbejder.
field-language = Sprog
profile-password = Adgangskode
field-current-password = Nuværende adgangskode
profile-change-password = Skift adgangskode
profile-tokens = API-nøgler
profile-tokens-intro = Med en personlig API-nøgle kan et andet system bruge Idéspor på dine vegne. Behandl den som en adgangskode.
profile-token-created = Din nye API-nøgle. Kopiér den nu: den vises kun denne ene gang.
profile-token-value = API-nøgle
profile-no-tokens = Du har ingen API-nøgler.
profile-token-created-at = Oprettet
profile-token-last-used = Sidst brugt
profile-token-revoke = Tilbagekald { $name }
profile-token-name = Navn på ny nøgle
profile-token-create = Opret API-nøgle

admin-title = Administration
admin-organizations = Organisationer
admin-organizations-intro = Kommuner, regioner og leverandøren.
admin-groups = Grupper
admin-groups-intro = Erfagrupper, tovholdergruppen og produktmanagergruppen, med medlemmer og tovholdere.
admin-users = Personer
admin-users-intro = Invitér personer, ret oplysninger og rettigheder.
admin-audit = Seneste ændringer
admin-audit-empty = Ingen ændringer endnu.
admin-audit-when = Hvornår
admin-audit-who = Hvem
admin-audit-what = Hvad
admin-audit-details = Detaljer
admin-audit-system = Systemet
admin-org-new = Ny organisation
admin-import-hint = Mange organisationer på én gang: idespor import organizations FIL.csv
admin-org-create = Opret organisation
hint-code = Kommunekode med 3 cifre (fx 573) eller regionskode med 4 cifre.
hint-cvr = 8 cifre.
admin-groups-all = Alle grupper
admin-group-new = Ny gruppe
admin-group-create = Opret gruppe
field-description = Beskrivelse
admin-group-edit = Gruppens oplysninger
admin-group-people = Personer i gruppen
field-organization = Organisation
field-role = Rolle
admin-role-of = Rolle for { $name }
admin-role-save = Gem rolle for { $name }
admin-remove-person = Fjern { $name }
admin-group-add-person = Tilføj person
field-person = Person
admin-add = Tilføj
admin-group-no-orgs = Ingen organisationer i gruppen.
admin-remove-org = Fjern { $name }
admin-group-add-org = Tilføj organisation
admin-invitation-created = Invitationen er oprettet. Send linket til personen; det virker én gang og i 7 dage.
admin-invitation-link = Invitationslink
admin-user-invite = Invitér en person
admin-users-count = { $count ->
    [one] 1 person
   *[other] { $count } personer
}
admin-user-status = Status
admin-user-inactive = Deaktiveret
admin-user-invited = Inviteret
admin-user-admin = Administrator
admin-user-active = Aktiv
admin-user-invite-submit = Opret invitation
field-is-admin = Administrator
field-active = Aktiv (kan logge ind)
admin-user-new-link = Nyt invitationslink
admin-user-send-link = Lav et nyt invitationslink

notice-saved = Ændringerne er gemt.
notice-created = Oprettet.
notice-password_changed = Din adgangskode er skiftet. Du er logget ud alle andre steder.
notice-token_revoked = API-nøglen er tilbagekaldt.
notice-welcome = Din adgangskode er gemt. Log ind for at komme i gang.
notice-signed_out = Du er logget ud.
notice-member_saved = Personen er gemt i gruppen.
notice-member_removed = Personen er fjernet fra gruppen.
notice-organization_added = Organisationen er tilføjet gruppen.
notice-organization_removed = Organisationen er fjernet fra gruppen.

month-1 = januar
month-2 = februar
month-3 = marts
month-4 = april
month-5 = maj
month-6 = juni
month-7 = juli
month-8 = august
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december

err-not_found = Det, du leder efter, findes ikke.
err-unauthenticated = Du skal logge ind først.
err-forbidden = Det har du ikke ret til.
err-admin_only = Kun administratorer kan gøre det.
err-cannot_demote_self = Du kan ikke fjerne din egen administratorret eller deaktivere dig selv. Bed en anden administrator om det.
err-duplicate = Det findes allerede.
err-still_referenced = Det bruges stadig andre steder og kan ikke ændres sådan.
err-invalid_input = Nogle oplysninger er ikke gyldige.
err-rate_limited = For mange mislykkede forsøg. Vent et kvarter, og prøv igen.
err-unavailable = Idéspor kan ikke nå sin database lige nu. Prøv igen om lidt.
err-internal = Der skete en uventet fejl. Den er skrevet i loggen.
err-csrf_failed = Forespørgslen blev afvist, fordi den ikke kom fra en af Idéspors egne sider. Genindlæs siden, og prøv igen.
err-payload_too_large = Der er sendt for meget indhold.
err-invalid_json = Indholdet er ikke gyldig JSON.
err-unsupported_media_type = Indholdet skal sendes som application/json.
err-invalid_token = API-nøglen er ugyldig eller tilbagekaldt.
err-login_failed = E-mail eller adgangskode er forkert.
err-required = Feltet skal udfyldes.
err-too_long = Teksten er for lang.
err-kind_unknown = Vælg en type fra listen.
err-kommunekode_invalid = En kommunekode har 3 cifre, fx 573.
err-region_code_invalid = En regionskode har 4 cifre, fx 1083.
err-code_not_allowed = En leverandør har ingen kode.
err-cvr_invalid = Et CVR-nummer har 8 cifre.
err-region_unknown = Vælg en region fra listen.
err-email_invalid = Skriv en gyldig e-mailadresse, fx navn@kommune.dk.
err-language_unknown = Vælg dansk eller engelsk.
err-organization_unknown = Vælg en organisation fra listen.
err-password_too_short = Adgangskoden skal have mindst 10 tegn.
err-password_wrong = Den nuværende adgangskode er forkert.
err-email_taken = Der findes allerede en person med den e-mailadresse.
err-code_taken = Der findes allerede en organisation med den kode.
err-name_taken = Der findes allerede en gruppe med det navn.
err-user_unknown = Vælg en person fra listen.
err-role_unknown = Vælg medlem eller tovholder.
err-code_duplicate_in_file = Koden står mere end én gang i filen.

nav-ideas = Idéer
nav-releases = Udgivelser
ideas-title = Udviklingsidéer
ideas-new = Skriv en ny idé
ideas-filter = Filtrér idéer
field-status = Status
filter-open = Alle åbne
field-group = Gruppe
field-area = Produktområde
ideas-show-only = Vis kun
filter-mine = Mine idéer
filter-ours = Min organisations idéer
filter-supported = Idéer vi støtter
field-sort = Sortering
sort-newest = Nyeste
sort-most_supported = Mest støttede
sort-recently_moved = Senest flyttet
sort-longest_waiting = Har ventet længst
ideas-count = { $count ->
    [one] 1 idé
   *[other] { $count } idéer
}
ideas-none = Ingen idéer passer til filtret.
pager-label = Sider
pager-prev = Forrige side
pager-next = Næste side
pager-page = Side { $page }

status-draft = Kladde
status-submitted = Indsendt til erfagruppe
status-forwarded = Videresendt til tovholdergruppen
status-prioritized = Prioriteret
status-in_assessment = Til vurdering hos produktledelsen
status-needs_information = Mangler information
status-accepted = Accepteret (i backlog)
status-planned = Planlagt
status-in_development = Under udvikling
status-delivered = Leveret
status-solved_by_configuration = Løst ved konfiguration
status-declined = Afvist
status-merged = Sammenlagt
status-parked = Parkeret
status-withdrawn = Trukket tilbage

idea-held-by = hos { $group }
idea-waited-days = { $days ->
    [one] har ventet 1 dag
   *[other] har ventet { $days } dage
}
idea-supports = { $count ->
    [one] 1 kommune støtter
   *[other] { $count } organisationer støtter
}
idea-comments = { $count ->
    [one] 1 kommentar
   *[other] { $count } kommentarer
}
idea-created = skrevet { $date }
idea-citizen-warning-title = Skriv aldrig borgeroplysninger her.
idea-citizen-warning = Ingen navne, CPR-numre, diagnoser eller andet, der kan føre til en borger. Beskriv situationen generelt.
idea-template-intro = Beskriv et behov, ikke en løsning: hvem du er i arbejdet, hvornår behovet opstår, hvad der mangler, og hvad det vil give, hvis behovet bliver mødt.
field-title = Overskrift
hint-title = En kort sætning, der siger, hvad behovet handler om. Højst 150 tegn.
field-role-at-work = Din rolle
hint-role-at-work = Fx sygeplejerske i hjemmesygeplejen eller systemadministrator.
field-situation = Arbejdssituationen
hint-situation = Hvornår og hvor opstår behovet?
field-need = Behovet eller problemet
hint-need = Hvad mangler I, eller hvad er svært i dag? Et behov, ikke en funktion. Højst 5.000 tegn.
field-effect = Forventet effekt
hint-effect = Hvad bliver bedre, og for hvem, hvis behovet bliver mødt?
form-choose = Vælg
hint-markdown = Du kan bruge Markdown: **fed**, *kursiv*, lister og links. Hvert felt højst 5.000 tegn.
idea-save-draft = Gem som kladde
idea-edit = Ret idéen
idea-where-now = Hvor er idéen nu
idea-rank = prioriteret som nr. { $rank }
idea-release = version { $version }
idea-merged-into = sammenlagt med idé #{ $id }
resolution-solved_by_configuration = Løsningen
resolution-declined = Begrundelse for afvisningen
resolution-parked = Hvorfor idéen er parkeret
idea-review-date = Tages op igen
idea-author = Skrevet af
idea-erfa-group = Erfagruppe
idea-written = Skrevet
idea-support-title = Støtte
idea-supported-by = Støttet af { $orgs ->
    [one] 1 organisation
   *[other] { $orgs } organisationer
} i { $groups ->
    [one] 1 erfagruppe
   *[other] { $groups } erfagrupper
}.
idea-support-button = Støt på vegne af min organisation
idea-unsupport = Træk min støtte tilbage
idea-follow = Følg idéen
idea-unfollow = Følg ikke længere
idea-provenance = Sammenlagt fra
idea-moves-title = Det kan du gøre nu
move-submit = Indsend til erfagruppen
move-withdraw = Træk idéen tilbage
move-forward = Videresend til tovholdergruppen
move-solve_by_configuration = Løst ved konfiguration
move-decline = Afvis
move-merge = Læg sammen med en anden idé
move-prioritize = Prioritér
move-send_to_product = Send til produktledelsen
move-park = Parkér
move-resume = Tag op igen
move-ask_for_information = Bed om mere information
move-answer = Svar og send tilbage
move-accept = Acceptér i backlog
move-plan = Planlæg i en udgivelse
move-start = Start udviklingen
move-deliver = Meld leveret
idea-submit-to = Erfagruppe
idea-standard-reason = Standardbegrundelse
decline-reason-legislation = Fortrængt af lovgivning
decline-reason-conflicts = I konflikt med andre kunders arbejdsgange
decline-reason-existing = Kan løses med eksisterende funktionalitet
idea-reason = Begrundelse
idea-solution = Løsningen (så andre kan bruge den)
idea-merge-into = Nummeret på den idé, den lægges sammen med
idea-reason-optional = Begrundelse (frivillig)
idea-rank-label = Placering (1 er højest)
idea-question = Spørgsmålet
idea-answer = Svaret
idea-release-label = Udgivelse
idea-journey = Idéens rejse
idea-journey-empty = Idéen er endnu ikke indsendt.
event-submit = Indsendt
event-withdraw = Trukket tilbage
event-forward = Videresendt
event-solve_by_configuration = Løst ved konfiguration
event-decline = Afvist
event-merge = Sammenlagt
event-prioritize = Prioriteret
event-send_to_product = Sendt til produktledelsen
event-park = Parkeret
event-resume = Taget op igen
event-ask_for_information = Spørgsmål stillet
event-answer = Besvaret
event-accept = Accepteret
event-plan = Planlagt
event-start = Udvikling startet
event-deliver = Leveret
event-merged-from = idé #{ $id } er lagt sammen med denne
event-stage-days = { $days ->
    [one] 1 dag siden forrige skridt
   *[other] { $days } dage siden forrige skridt
}
comment-by = Kommentar fra { $name }
comment-edited = rettet { $date }
comment-edit-label = Ret din kommentar
comment-edit = Ret
comment-new = Skriv en kommentar
comment-submit = Send kommentar
releases-title = Udgivelser
releases-none = Der er ingen udgivelser endnu.
field-version = Version
field-planned-date = Planlagt dato
field-released-date = Udgivet
release-not-yet = Ikke udgivet endnu
release-new = Ny udgivelse
field-notes = Noter
release-create = Opret udgivelse
release-heading = Version { $version }
release-ideas = Idéer i udgivelsen
group-queue = Venter på os
group-queue-empty = Gruppen har ingen idéer, der venter.
notice-draft_saved = Kladden er gemt. Kun du kan se den, indtil du indsender den.
notice-moved = Idéen er flyttet.

err-move_not_allowed = Det kan ikke lade sig gøre med idéen, som den står nu.
err-stale_version = Idéen er blevet ændret af en anden i mellemtiden. Se den nye tilstand, og prøv igen.
err-only_author = Kun den, der skrev idéen, kan gøre det.
err-only_erfa_coordinator = Kun tovholderen for idéens erfagruppe kan gøre det.
err-only_steering_member = Kun tovholdergruppens medlemmer kan gøre det.
err-only_product_manager = Kun produktmanagerne kan gøre det.
err-only_holder = Kun den gruppe, der har idéen, kan gøre det.
err-only_information_giver = Kun idéens forfatter, erfagruppens tovholder eller den gruppe, der fik spørgsmålet, kan svare.
err-review_date_in_past = Datoen skal ligge efter i dag.
err-rank_invalid = Placeringen skal være et tal fra 1 til 999.
err-required_to_submit = Feltet skal udfyldes, før idéen kan indsendes.
err-product_area_unknown = Vælg et produktområde fra listen.
err-group_not_yours = Vælg en af dine egne erfagrupper.
err-merge_into_self = En idé kan ikke lægges sammen med sig selv.
err-idea_unknown = Der findes ingen idé med det nummer.
err-merge_target_closed = Den idé er afsluttet eller en kladde; vælg en åben idé.
err-release_unknown = Vælg en udgivelse fra listen.
err-move_unknown = Ukendt handling.
err-date_invalid = Skriv en dato som 2026-05-11.
err-idea_closed = Idéen er afsluttet og kan ikke støttes.
err-idea_is_draft = Kladder kan ikke kommenteres.
err-no_organization = Du skal være knyttet til en organisation for at støtte idéer.
err-only_comment_author = Kun den, der skrev kommentaren, kan rette den.
err-comment_edit_window_passed = Kommentaren kan ikke længere rettes.
err-community_not_set_up = Fællesskabet mangler en tovholdergruppe eller en produktmanagergruppe.
err-idea_not_editable = Idéen kan ikke længere rettes, når den har forladt erfagruppen.
err-version_taken = Der findes allerede en udgivelse med det versionsnummer.

label-title = Overskrift
label-role = Din rolle
label-situation = Arbejdssituationen
label-need = Behovet
label-effect = Forventet effekt
label-product_area_id = Produktområde
label-name = Navn
label-email = E-mail
label-password = Adgangskode
label-current_password = Nuværende adgangskode
label-language = Sprog
label-kind = Type
label-official_name = Officielt navn
label-code = Kode
label-cvr = CVR-nummer
label-region_id = Region
label-description = Beskrivelse
label-org_id = Organisation
label-token_name = Navn på nøglen
label-version = Version
label-planned_date = Planlagt dato
label-released_date = Udgivet
label-notes = Noter
label-body = Kommentar
label-reason = Begrundelse
label-rank = Placering
label-review_date = Tages op igen
label-release_id = Udgivelse
label-into = Idé
label-group_id = Erfagruppe
search-label = Søg i idéerne
search-hint = Søger på dansk: "borgere" finder også "borger" og "borgerens".
search-submit = Søg
search-count = { $count ->
    [one] 1 idé passer til søgningen
   *[other] { $count } idéer passer til søgningen
}
similar-title = Lignende idéer
similar-intro = Måske findes behovet allerede. Så kan I støtte den idé i stedet for at skrive en ny.
admin-product-areas = Produktområder
admin-product-areas-intro = De dele af produktet, en idé kan handle om.
admin-product-areas-none = Der er ingen produktområder endnu. Opret mindst ét, før nogen kan skrive idéer.
admin-product-area-new = Nyt produktområde
release-edit = Ret udgivelsen
err-area_taken = Der findes allerede et produktområde med det navn.
idea-move-failed = Handlingen »{ $move }« blev ikke udført. Se hvorfor under den.
comment-earlier-versions = { $count ->
    [one] Tidligere version
   *[other] { $count } tidligere versioner
}
comment-replaced = Afløst { $date }
nav-notifications = Notifikationer
notifications-unread-suffix = ulæste
notifications-title = Notifikationer
notifications-unread = { $count ->
    [0] Du har ingen ulæste notifikationer.
    [one] Du har 1 ulæst notifikation.
   *[other] Du har { $count } ulæste notifikationer.
}
notifications-none = Du har ingen notifikationer endnu. Følg en idé for at høre, hvad der sker med den.
notifications-new = Ny
notifications-mark-all = Markér alle som læst
notifications-mark-one = Markér notifikationen om »{ $title }« som læst
notification-moved = { $who }: { $status } ·
notification-commented = { $who } har kommenteret ·
notification-decision = { $group } har truffet en beslutning ·
notification-meeting-planned = { $group }: møde { $when } er planlagt ·
notification-meeting-changed = { $group }: møde { $when } er ændret ·
notification-meeting-cancelled = { $group }: møde { $when } er aflyst ·
notification-meeting-minutes = { $group }: referatet er godkendt ·
mail-greeting = Kære
mail-why = Du får denne mail, fordi du har valgt at høre om den slags med det samme.
mail-why-digest = Du får dette overblik, fordi du har valgt at samle nyhederne i et overblik.
mail-preferences = Vælg hvad og hvor ofte
mail-unsubscribe = Afmeld denne slags mails
mail-unsubscribe-all = Afmeld alle mails
digest-intro = Her er, hvad der er sket
digest-period = fra { $from } til { $to }.
digest-subject-daily = Dagens overblik { $period }
digest-subject-weekly = Ugens overblik { $period }
digest-decisions = Beslutninger
digest-my-ideas = Dine idéer
digest-supported = Idéer din organisation støtter
digest-new-ideas = Nye idéer i dine erfagrupper
digest-other = Idéer du følger
digest-meeting-changes = Møder
digest-upcoming = Dine møder de næste to uger
