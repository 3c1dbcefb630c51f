//! The demo community: Denmark's 98 municipalities and 5 regions, the vendor, five regional
//! erfagrupper, the tovholdergruppe and the produktmanagergruppe, and about 40 invented people.
//! Loading it twice changes nothing: every piece is looked up by its natural key first.

use crate::demo_time::DemoTime;
use crate::import::{MUNICIPALITIES_CSV, REGIONS_CSV, parse_organizations};
use anyhow::{Context, anyhow};
use idespor_domain::audit::AuditEntry;
use idespor_domain::auth::hash_password;
use idespor_domain::group::{GroupInput, GroupKind, GroupRole};
use idespor_domain::org::{OrgKind, OrganizationForm};
use idespor_domain::service::{ImportRow, Services};
use idespor_domain::user::{Language, UserAdminInput};
use idespor_domain::{GroupId, OrgId, UserId};
use idespor_storage::Db;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

/// The demo is loaded by hand, not by any one person: it looks up and fills the database through
/// the storage itself, and makes every change a person would make through the use cases.
type Storage = std::sync::Arc<dyn idespor_domain::Store>;

fn storage(db: &Db) -> Storage {
    std::sync::Arc::new(idespor_storage::SqlStore::new(db.clone()))
}

pub const DEMO_PASSWORD: &str = "idespor-demo";
pub const VENDOR_NAME: &str = "KMD";

/// (name, region code) of each erfagruppe; membership follows the region.
const ERFA_GROUPS: &[(&str, &str)] = &[
    ("Erfagruppe Nord", "1081"),
    ("Erfagruppe Midt", "1082"),
    ("Erfagruppe Syd", "1083"),
    ("Erfagruppe Sjælland", "1085"),
    ("Erfagruppe Hovedstaden", "1084"),
];
pub const STEERING_GROUP: &str = "Tovholdergruppen";
pub const PRODUCT_GROUP: &str = "Produktmanagergruppen";

/// An invented person: e-mail, name, organization (kommunekode, or the vendor), administrator, moderator,
/// and their groups with roles. Names are made up; any likeness is a coincidence.
struct DemoPerson {
    email: &'static str,
    name: &'static str,
    org: &'static str,
    admin: bool,
    /// May redact passages and hide comments.
    moderator: bool,
    groups: &'static [(&'static str, GroupRole)],
    /// What to print about them at start, if anything.
    describe: Option<&'static str>,
}

const C: GroupRole = GroupRole::Coordinator;
const M: GroupRole = GroupRole::Member;

const PEOPLE: &[DemoPerson] = &[
    DemoPerson {
        email: "admin@idespor.test",
        name: "Karen Vestergaard",
        org: VENDOR_NAME,
        admin: true,
        moderator: false,
        groups: &[],
        describe: Some("administrator"),
    },
    DemoPerson {
        email: "jonas.bech@idespor.test",
        name: "Jonas Bech",
        org: VENDOR_NAME,
        admin: false,
        moderator: true,
        groups: &[],
        describe: Some("community manager (leverandør), moderator"),
    },
    // Product managers
    DemoPerson {
        email: "lone.kjaergaard@idespor.test",
        name: "Lone Kjærgaard",
        org: VENDOR_NAME,
        admin: false,
        moderator: false,
        groups: &[(PRODUCT_GROUP, C)],
        describe: Some("produktmanager, tovholder for produktmanagergruppen"),
    },
    DemoPerson {
        email: "mikkel.thorsen@idespor.test",
        name: "Mikkel Thorsen",
        org: VENDOR_NAME,
        admin: false,
        moderator: false,
        groups: &[(PRODUCT_GROUP, M)],
        describe: None,
    },
    DemoPerson {
        email: "sara.lund@idespor.test",
        name: "Sara Lund",
        org: VENDOR_NAME,
        admin: false,
        moderator: false,
        groups: &[(PRODUCT_GROUP, M)],
        describe: None,
    },
    // The vendor's two representatives in the tovholdergruppe
    DemoPerson {
        email: "henrik.dam@idespor.test",
        name: "Henrik Dam",
        org: VENDOR_NAME,
        admin: false,
        moderator: false,
        groups: &[(STEERING_GROUP, C)],
        describe: Some("leverandørens repræsentant i tovholdergruppen"),
    },
    DemoPerson {
        email: "pernille.frost@idespor.test",
        name: "Pernille Frost",
        org: VENDOR_NAME,
        admin: false,
        moderator: false,
        groups: &[(STEERING_GROUP, M)],
        describe: None,
    },
    // The erfagruppers tovholdere, who also make up the tovholdergruppe
    DemoPerson {
        email: "mette.kragh@idespor.test",
        name: "Mette Kragh",
        org: "851",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Nord", C), (STEERING_GROUP, M)],
        describe: Some("tovholder, Erfagruppe Nord (Aalborg)"),
    },
    DemoPerson {
        email: "lars.dalgaard@idespor.test",
        name: "Lars Dalgaard",
        org: "751",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Midt", C), (STEERING_GROUP, M)],
        describe: None,
    },
    DemoPerson {
        email: "hanne.bro@idespor.test",
        name: "Hanne Bro",
        org: "573",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Syd", C), (STEERING_GROUP, M)],
        describe: Some("tovholder, Erfagruppe Syd (Varde)"),
    },
    DemoPerson {
        email: "tobias.weber@idespor.test",
        name: "Tobias Weber",
        org: "265",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Sjælland", C), (STEERING_GROUP, M)],
        describe: None,
    },
    DemoPerson {
        email: "camilla.friis@idespor.test",
        name: "Camilla Friis",
        org: "101",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Hovedstaden", C), (STEERING_GROUP, M)],
        describe: None,
    },
    // Municipal employees: system administrators, super-users, Nexus leads
    DemoPerson {
        email: "anders.kjeldsen@idespor.test",
        name: "Anders Kjeldsen",
        org: "860",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Nord", M)],
        describe: None,
    },
    DemoPerson {
        email: "birthe.holm@idespor.test",
        name: "Birthe Holm",
        org: "813",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Nord", M)],
        describe: None,
    },
    DemoPerson {
        email: "rasmus.skov@idespor.test",
        name: "Rasmus Skov",
        org: "787",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Nord", M)],
        describe: None,
    },
    DemoPerson {
        email: "tina.mogensen@idespor.test",
        name: "Tina Mogensen",
        org: "846",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Nord", M)],
        describe: None,
    },
    DemoPerson {
        email: "jesper.aagaard@idespor.test",
        name: "Jesper Aagaard",
        org: "851",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Nord", M)],
        describe: None,
    },
    DemoPerson {
        email: "signe.vinther@idespor.test",
        name: "Signe Vinther",
        org: "740",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Midt", M)],
        describe: None,
    },
    DemoPerson {
        email: "morten.bundgaard@idespor.test",
        name: "Morten Bundgaard",
        org: "657",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Midt", M)],
        describe: None,
    },
    DemoPerson {
        email: "louise.krogh@idespor.test",
        name: "Louise Krogh",
        org: "791",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Midt", M)],
        describe: None,
    },
    DemoPerson {
        email: "kasper.noerby@idespor.test",
        name: "Kasper Nørby",
        org: "730",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Midt", M)],
        describe: None,
    },
    DemoPerson {
        email: "dorthe.lauridsen@idespor.test",
        name: "Dorthe Lauridsen",
        org: "615",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Midt", M)],
        describe: None,
    },
    DemoPerson {
        email: "maja.winther@idespor.test",
        name: "Maja Winther",
        org: "573",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Syd", M)],
        describe: Some("systemadministrator, Varde Kommune"),
    },
    DemoPerson {
        email: "peter.hvid@idespor.test",
        name: "Peter Hvid",
        org: "461",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Syd", M)],
        describe: None,
    },
    DemoPerson {
        email: "gitte.bonde@idespor.test",
        name: "Gitte Bonde",
        org: "561",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Syd", M)],
        describe: None,
    },
    DemoPerson {
        email: "nikolaj.brandt@idespor.test",
        name: "Nikolaj Brandt",
        org: "630",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Syd", M)],
        describe: None,
    },
    DemoPerson {
        email: "susanne.ravn@idespor.test",
        name: "Susanne Ravn",
        org: "580",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Syd", M)],
        describe: None,
    },
    DemoPerson {
        email: "ole.matthiesen@idespor.test",
        name: "Ole Matthiesen",
        org: "540",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Syd", M)],
        describe: None,
    },
    DemoPerson {
        email: "ane.kofoed@idespor.test",
        name: "Ane Kofoed",
        org: "621",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Syd", M)],
        describe: None,
    },
    DemoPerson {
        email: "christian.riis@idespor.test",
        name: "Christian Riis",
        org: "370",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Sjælland", M)],
        describe: None,
    },
    DemoPerson {
        email: "helle.juul@idespor.test",
        name: "Helle Juul",
        org: "316",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Sjælland", M)],
        describe: None,
    },
    DemoPerson {
        email: "thomas.lindberg@idespor.test",
        name: "Thomas Lindberg",
        org: "330",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Sjælland", M)],
        describe: None,
    },
    DemoPerson {
        email: "marianne.sloth@idespor.test",
        name: "Marianne Sloth",
        org: "259",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Sjælland", M)],
        describe: None,
    },
    DemoPerson {
        email: "frederik.boje@idespor.test",
        name: "Frederik Boje",
        org: "376",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Sjælland", M)],
        describe: None,
    },
    DemoPerson {
        email: "julie.thygesen@idespor.test",
        name: "Julie Thygesen",
        org: "147",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Hovedstaden", M)],
        describe: None,
    },
    DemoPerson {
        email: "martin.ebbesen@idespor.test",
        name: "Martin Ebbesen",
        org: "157",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Hovedstaden", M)],
        describe: None,
    },
    DemoPerson {
        email: "rikke.dahl@idespor.test",
        name: "Rikke Dahl",
        org: "219",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Hovedstaden", M)],
        describe: None,
    },
    DemoPerson {
        email: "simon.kjaer@idespor.test",
        name: "Simon Kjær",
        org: "151",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Hovedstaden", M)],
        describe: None,
    },
    DemoPerson {
        email: "ida.munk@idespor.test",
        name: "Ida Munk",
        org: "400",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Hovedstaden", M)],
        describe: None,
    },
    DemoPerson {
        email: "emil.fog@idespor.test",
        name: "Emil Fog",
        org: "101",
        admin: false,
        moderator: false,
        groups: &[("Erfagruppe Hovedstaden", M)],
        describe: None,
    },
];

fn rows_missing(rows: Vec<ImportRow>, existing: &HashSet<String>) -> Vec<ImportRow> {
    rows.into_iter().filter(|r| !existing.contains(r.form.code.trim_start_matches('0'))).collect()
}

/// Loads the demo community (what is missing of it) and returns the text to print at start.
pub async fn load(svc: &Services, db: &Db) -> anyhow::Result<String> {
    let store = storage(db);
    let any = idespor_domain::idea::IdeaFilter::default();
    let fresh = store.list_ideas(&any, Default::default(), 1, 1).await.map_err(|e| anyhow!("{e}"))?.total == 0;
    let summary = load_with(svc, &store, true).await?;
    if fresh {
        // People read their news: what the demo's year told them more than two weeks ago is
        // read, so each person starts with the recent news unread, not a hundred old ones.
        let cutoff = (svc.now() - jiff::SignedDuration::from_hours(24 * 14)).as_second();
        db.execute(&format!(
            "UPDATE notifications SET read_at = created_at + 3600 WHERE read_at IS NULL AND created_at < {cutoff}"
        ))
        .await
        .map_err(|e| anyhow!("{e}"))?;
    }
    Ok(summary)
}

/// The demo's organizations, groups and people only (tests of the foundation need no ideas).
pub async fn load_community(svc: &Services, db: &Db) -> anyhow::Result<String> {
    load_with(svc, &storage(db), false).await
}

/// The community's structure, shipped with Idéspor: Denmark's 5 regions and 98 municipalities
/// (with codes, official names and CVR numbers), the vendor, and the standard groups (an
/// erfagruppe per region with its municipalities, the tovholdergruppe, the
/// produktmanagergruppe). What is there already is kept; used by the demo and by `idespor init`.
pub struct Structure {
    pub vendor: idespor_domain::org::Organization,
    pub orgs: Vec<idespor_domain::org::Organization>,
    pub by_code: HashMap<String, OrgId>,
    pub groups: HashMap<&'static str, GroupId>,
}

/// The structure on a database (see [`Structure`]).
pub async fn load_reference_data(
    svc: &Services,
    db: &Db,
    vendor_name: &str,
    vendor_official: &str,
) -> anyhow::Result<Structure> {
    load_structure(svc, &storage(db), vendor_name, vendor_official).await
}

async fn load_structure(
    svc: &Services,
    store: &Storage,
    vendor_name: &str,
    vendor_official: &str,
) -> anyhow::Result<Structure> {
    let now = svc.now();
    let audit = |action: &'static str, entity: &'static str| AuditEntry::new(now, None, action, entity);

    // Regions, then municipalities (which name their region by code), then the vendor.
    let existing: HashSet<String> = store
        .list_organizations(&Default::default())
        .await
        .map_err(|e| anyhow!("{e}"))?
        .into_iter()
        .filter_map(|o| o.code)
        .collect();
    for (csv, kind) in [(REGIONS_CSV, "region"), (MUNICIPALITIES_CSV, "municipality")] {
        let rows = rows_missing(parse_organizations(csv, kind).map_err(|e| anyhow!("{e}"))?, &existing);
        if !rows.is_empty() {
            svc.import_organizations(None, &rows)
                .await
                .map_err(|e| anyhow!("demo {kind} line {}: {}", e.line, e.error))?;
        }
    }
    let vendor = match store.find_organization_by_name(vendor_name).await.map_err(|e| anyhow!("{e}"))? {
        Some(org) => org,
        None => {
            let form = OrganizationForm {
                kind: OrgKind::Vendor.as_str().into(),
                name: vendor_name.into(),
                official_name: vendor_official.into(),
                ..Default::default()
            };
            let input = form.parse().map_err(|e| anyhow!("{e}"))?;
            store
                .insert_organization(&input, audit("organization.create", "organization"))
                .await
                .map_err(|e| anyhow!("{e}"))?
        }
    };
    let orgs = store.list_organizations(&Default::default()).await.map_err(|e| anyhow!("{e}"))?;
    let by_code: HashMap<String, OrgId> = orgs.iter().filter_map(|o| o.code.clone().map(|c| (c, o.id))).collect();

    // Groups, each with its region's organizations.
    let mut groups: HashMap<&str, GroupId> = HashMap::new();
    let mut all_groups: Vec<(&str, GroupKind, Option<&str>, &str)> = ERFA_GROUPS
        .iter()
        .map(|(name, region)| {
            (
                *name,
                GroupKind::Erfa,
                Some(*region),
                "Erfamøder for kommunerne i regionen: erfaringer, konfiguration og nye udviklingsidéer.",
            )
        })
        .collect();
    all_groups.push((STEERING_GROUP, GroupKind::Steering, None, "Erfagruppernes tovholdere og to repræsentanter for leverandøren. Vurderer og prioriterer idéerne og bringer dem videre."));
    all_groups.push((
        PRODUCT_GROUP,
        GroupKind::Product,
        None,
        "Leverandørens produktmanagere, som vurderer idéerne og planlægger udviklingen.",
    ));
    for (name, kind, region_code, description) in all_groups {
        let region_id = region_code.and_then(|c| by_code.get(c).copied());
        let group = match store.find_group_by_name(name).await.map_err(|e| anyhow!("{e}"))? {
            Some(group) => group,
            None => {
                let input = GroupInput { kind, name: name.into(), description: description.into(), region_id };
                store.insert_group(&input, audit("group.create", "group")).await.map_err(|e| anyhow!("{e}"))?
            }
        };
        groups.insert(name, group.id);
        if let Some(region_id) = region_id {
            let members: HashSet<OrgId> = store
                .group_organizations(group.id)
                .await
                .map_err(|e| anyhow!("{e}"))?
                .into_iter()
                .map(|o| o.id)
                .collect();
            for org in orgs.iter().filter(|o| o.kind == OrgKind::Municipality && o.region_id == Some(region_id)) {
                if !members.contains(&org.id) {
                    store
                        .add_group_organization(group.id, org.id, audit("group.add_organization", "group"))
                        .await
                        .map_err(|e| anyhow!("{e}"))?;
                }
            }
        }
    }
    Ok(Structure { vendor, orgs, by_code, groups })
}

async fn load_with(svc: &Services, store: &Storage, with_ideas: bool) -> anyhow::Result<String> {
    let now = svc.now();
    let audit = |action: &'static str, entity: &'static str| AuditEntry::new(now, None, action, entity);
    let Structure { vendor, orgs, by_code, groups } = load_structure(svc, store, VENDOR_NAME, "KMD A/S").await?;

    // People, all with the same published password; hashed once.
    let password_hash = tokio::task::spawn_blocking(|| hash_password(DEMO_PASSWORD))
        .await
        .context("hashing the demo password")?
        .map_err(|e| anyhow!("{e}"))?;
    let mut memberships: HashMap<GroupId, HashSet<UserId>> = HashMap::new();
    for id in groups.values() {
        let members = store.group_members(*id).await.map_err(|e| anyhow!("{e}"))?;
        memberships.insert(*id, members.into_iter().map(|m| m.user_id).collect());
    }
    let mut described = String::new();
    for person in PEOPLE {
        let org_id = if person.org == VENDOR_NAME {
            vendor.id
        } else {
            *by_code
                .get(person.org)
                .ok_or_else(|| anyhow!("demo person {} names unknown kommunekode {}", person.email, person.org))?
        };
        let user = match store.find_login_candidate(person.email).await.map_err(|e| anyhow!("{e}"))? {
            Some(candidate) => candidate.user,
            None => {
                let input = UserAdminInput {
                    name: person.name.into(),
                    email: person.email.into(),
                    org_id: Some(org_id),
                    language: Language::Da,
                    is_admin: person.admin,
                    is_moderator: person.moderator,
                    active: true,
                };
                store
                    .insert_user(&input, Some(&password_hash), None, audit("user.create", "user"))
                    .await
                    .map_err(|e| anyhow!("{e}"))?
            }
        };
        for (group_name, role) in person.groups {
            let group_id = *groups.get(group_name).ok_or_else(|| anyhow!("demo group {group_name} missing"))?;
            if !memberships.get(&group_id).is_some_and(|m| m.contains(&user.id)) {
                store
                    .set_group_member(group_id, user.id, *role, audit("group.set_member", "group"))
                    .await
                    .map_err(|e| anyhow!("{e}"))?;
            }
        }
        if let Some(description) = person.describe {
            let _ = writeln!(described, "  {:<34} {}", person.email, description);
        }
    }
    let ideas = if with_ideas { load_ideas(svc, store).await? } else { 0 };
    let meetings = if with_ideas { load_meetings(svc, store).await? } else { 0 };
    if with_ideas {
        load_rounds(svc, store).await?;
        load_release_items(svc, store).await?;
    }
    Ok(format!(
        "Demo-fællesskabet er indlæst: {} organisationer, {} grupper, {} personer, {ideas} idéer, {meetings} møder.\nDemo-konti (adgangskode for alle: {DEMO_PASSWORD}):\n{described}  … og {} flere under Administration › Personer.",
        orgs.len(),
        groups.len(),
        PEOPLE.len(),
        PEOPLE.iter().filter(|p| p.describe.is_none()).count()
    ))
}

/// The number of demo people, for tests.
pub fn people_count() -> usize {
    PEOPLE.len()
}

/// The demo ideas and their journeys, replayed through the domain's own use cases with a clock
/// set back to when each step happened, so every rule holds for the demo data too. Skipped when
/// the community already has ideas.
async fn load_ideas(svc: &Services, store: &Storage) -> anyhow::Result<usize> {
    use crate::demo_ideas::{AREAS, IDEAS, RELEASES, Step};
    use idespor_domain::clock::FixedClock;
    use idespor_domain::idea::{IdeaForm, IdeaStatus, Move};
    use idespor_domain::service::{Actor, ReleaseForm};
    use idespor_domain::{IdeaId, ReleaseId};
    use jiff::{SignedDuration, Timestamp};
    use std::sync::Arc;

    let now = svc.now();
    let e = |e: idespor_domain::DomainError| anyhow!("{e}");
    let existing_areas = store.list_product_areas().await.map_err(e)?;
    for name in AREAS {
        if !existing_areas.iter().any(|a| a.name == *name) {
            svc.create_product_area(None, name).await.map_err(e)?;
        }
    }
    let areas = store.list_product_areas().await.map_err(e)?;
    let existing_releases = store.list_releases().await.map_err(e)?;
    let time = DemoTime::new(now);
    let day = |offset: i64| time.day(offset).to_string();
    for r in RELEASES {
        if !existing_releases.iter().any(|x| x.version == r.version) {
            let form = ReleaseForm {
                version: r.version.into(),
                planned_date: day(r.planned_in_days),
                released_date: r.released_in_days.map(day).unwrap_or_default(),
                notes: r.notes.into(),
            };
            svc.save_release(None, None, &form).await.map_err(e)?;
        }
    }
    let releases = store.list_releases().await.map_err(e)?;
    let release = |version: &str| -> anyhow::Result<ReleaseId> {
        releases
            .iter()
            .find(|r| r.version == version)
            .map(|r| r.id)
            .ok_or_else(|| anyhow!("demo release {version} missing"))
    };
    let any = idespor_domain::idea::IdeaFilter::default();
    let already = store.list_ideas(&any, Default::default(), 1, 1).await.map_err(e)?.total;
    if already > 0 {
        return Ok(usize::try_from(already).unwrap_or_default());
    }

    let person = |email: &'static str| async move {
        let candidate = store.find_login_candidate(email).await.map_err(e)?;
        candidate.map(|c| Actor::new(c.user)).ok_or_else(|| anyhow!("demo person {email} missing"))
    };
    let steering = person("henrik.dam@idespor.test").await?;
    let product_manager = person("lone.kjaergaard@idespor.test").await?;
    let clock = FixedClock::at(now);
    let at = Services::new(store.clone(), Arc::new(clock.clone()));
    let mut created: Vec<(&str, IdeaId)> = Vec::new();
    for (index, demo) in IDEAS.iter().enumerate() {
        let author = person(demo.author).await?;
        let start =
            now - SignedDuration::from_hours(24 * demo.age_days) + SignedDuration::from_mins(37 * (index as i64 % 11));
        clock.set(time.at_work(start));
        let area =
            areas.iter().find(|a| a.name == demo.area).ok_or_else(|| anyhow!("demo area {} missing", demo.area))?;
        let form = IdeaForm {
            title: demo.title.into(),
            role: demo.role.into(),
            situation: demo.situation.into(),
            need: demo.need.into(),
            effect: demo.effect.into(),
            product_area_id: area.id.to_string(),
        };
        let idea = at.create_idea(&author, &form).await.map_err(|err| anyhow!("demo idea {:?}: {err}", demo.title))?;
        created.push((demo.title, idea.id));
        // Steps spread between writing and now, some stages quick and some slow (weights fixed per
        // idea and step, so the demo is the same every time); comments after the steps they follow.
        let steps = demo.journey.len() as i64;
        let span = (now.as_second() - start.as_second()).max(3600);
        let weights: Vec<i64> = (0..=steps + 1).map(|i| 1 + ((index as i64 * 7919 + i * 104_729) % 9)).collect();
        let total: i64 = weights.iter().sum();
        let step_time = |i: i64| {
            let before: i64 = weights.iter().take(i as usize + 1).sum();
            Timestamp::from_second(start.as_second() + span * before / total).unwrap_or(now)
        };
        // A plan comes before its release is out, a delivery on or after the day it came out:
        // each is held to its release's day, and the steps around it follow, in order.
        let mut times: Vec<Timestamp> = (0..steps).map(step_time).collect();
        let hour_of = |date: jiff::civil::Date, hour: i8| time.at(date, hour, 0);
        let out_on = |version: &str| releases.iter().find(|r| r.version == version).and_then(|r| r.released_date);
        for (i, step) in demo.journey.iter().enumerate() {
            match *step {
                Step::Plan(version) => {
                    if let Some(day) = out_on(version) {
                        let latest = hour_of(idespor_domain::calendar::previous_working_day(day), 12);
                        times[i] = times[i].min(latest);
                    }
                }
                Step::Deliver(version) => {
                    if let Some(day) = out_on(version) {
                        times[i] = times[i].max(hour_of(day, 10));
                    }
                }
                _ => {}
            }
        }
        for i in (0..times.len().saturating_sub(1)).rev() {
            times[i] = times[i].min(times[i + 1]);
        }
        for i in 1..times.len() {
            times[i] = times[i].max(times[i - 1]);
        }
        if times.first().is_some_and(|t| *t < start) {
            return Err(anyhow!(
                "demo idea {:?} is planned into a release that was out before it was written",
                demo.title
            ));
        }
        let mut comments = demo.comments.iter();
        let comments_per_step = demo.comments.len().div_ceil(demo.journey.len().max(1));
        for (i, step) in demo.journey.iter().enumerate() {
            let when = times[i];
            clock.set(time.at_work(when));
            let current = store.get_idea(idea.id).await.map_err(e)?.ok_or_else(|| anyhow!("demo idea vanished"))?;
            let level = current.status;
            let by_level = |status: IdeaStatus| match status {
                IdeaStatus::Submitted => None,
                IdeaStatus::Forwarded | IdeaStatus::Prioritized => Some(&steering),
                _ => Some(&product_manager),
            };
            let coordinator = match current.erfa_group_id {
                Some(group) => {
                    let members = store.group_members(group).await.map_err(e)?;
                    let c = members.iter().find(|m| m.role == idespor_domain::group::GroupRole::Coordinator);
                    match c {
                        Some(c) => Some(Actor::new(
                            store.get_user(c.user_id).await.map_err(e)?.ok_or_else(|| anyhow!("coordinator"))?,
                        )),
                        None => None,
                    }
                }
                None => None,
            };
            let erfa =
                || coordinator.clone().ok_or_else(|| anyhow!("demo idea {:?} has no erfagruppe tovholder", demo.title));
            let (actor, mv): (Actor, Move) = match *step {
                Step::Submit => {
                    let group = at
                        .submit_groups(&author)
                        .await
                        .map_err(e)?
                        .first()
                        .map(|g| g.id)
                        .ok_or_else(|| anyhow!("{} has no erfagruppe", demo.author))?;
                    (author.clone(), Move::Submit { group })
                }
                Step::Withdraw => (author.clone(), Move::Withdraw),
                Step::Forward => (erfa()?, Move::Forward),
                Step::SolveByConfiguration(solution) => {
                    (erfa()?, Move::SolveByConfiguration { solution: solution.into() })
                }
                Step::Decline(reason) => match by_level(level) {
                    Some(actor) => (actor.clone(), Move::Decline { reason: reason.into(), standard: None }),
                    None => (erfa()?, Move::Decline { reason: reason.into(), standard: None }),
                },
                Step::Merge(title) => {
                    let into = created
                        .iter()
                        .find(|(t, _)| *t == title)
                        .map(|(_, id)| *id)
                        .ok_or_else(|| anyhow!("merge target {title:?} not loaded before"))?;
                    match by_level(level) {
                        Some(actor) => (actor.clone(), Move::Merge { into }),
                        None => (erfa()?, Move::Merge { into }),
                    }
                }
                Step::Prioritize(rank) => (steering.clone(), Move::Prioritize { rank }),
                Step::SendToProduct => (steering.clone(), Move::SendToProduct),
                Step::AskForInformation(question) => {
                    (product_manager.clone(), Move::AskForInformation { question: question.into() })
                }
                Step::Answer(answer) => (author.clone(), Move::Answer { answer: answer.into() }),
                Step::Accept => (product_manager.clone(), Move::Accept),
                Step::Plan(version) => (product_manager.clone(), Move::Plan { release: release(version)? }),
                Step::Start => (product_manager.clone(), Move::Start),
                Step::Deliver(version) => (product_manager.clone(), Move::Deliver { release: release(version)? }),
                Step::Park(reason, days) => {
                    let review = when
                        .to_zoned_datetime(idespor_domain::clock::copenhagen())
                        .date()
                        .checked_add(SignedDuration::from_hours(24 * days))
                        .map(idespor_domain::calendar::working_day_on_or_after)
                        .map_err(|x| anyhow!("{x}"))?;
                    let actor = by_level(level).cloned().unwrap_or_else(|| steering.clone());
                    (actor, Move::Park { reason: reason.into(), review_date: review })
                }
            };
            at.move_idea(&actor, idea.id, current.version, mv)
                .await
                .map_err(|err| anyhow!("demo idea {:?}, step {step:?}: {err}", demo.title))?;
            if matches!(step, Step::Submit) {
                for (n, supporter) in demo.supporters.iter().enumerate() {
                    clock.set(time.at_work(when + SignedDuration::from_hours(3 + n as i64)));
                    let who = person(supporter).await?;
                    at.support_idea(&who, idea.id, true)
                        .await
                        .map_err(|err| anyhow!("demo support {supporter}: {err}"))?;
                }
                if let Some((_, need)) = crate::demo_ideas::REVISED_NEEDS.iter().find(|(t, _)| *t == demo.title) {
                    clock.set(time.at_work(when + SignedDuration::from_hours(4 + demo.supporters.len() as i64)));
                    let now = store.get_idea(idea.id).await.map_err(e)?.ok_or_else(|| anyhow!("demo idea vanished"))?;
                    let form = IdeaForm {
                        title: now.title.clone(),
                        role: now.role.clone(),
                        situation: now.situation.clone(),
                        need: (*need).to_string(),
                        effect: now.effect.clone(),
                        product_area_id: now.product_area_id.to_string(),
                    };
                    at.update_idea(&author, idea.id, now.version, &form)
                        .await
                        .map_err(|err| anyhow!("demo revision of {:?}: {err}", demo.title))?;
                }
            }
            if !matches!(step, Step::Submit) || demo.journey.len() == 1 {
                for (n, (email, text)) in comments.by_ref().take(comments_per_step).enumerate() {
                    clock.set(time.at_work(when + SignedDuration::from_mins(90 + 45 * n as i64)));
                    let who = person(email).await?;
                    at.add_comment(&who, idea.id, text).await.map_err(|err| anyhow!("demo comment: {err}"))?;
                }
            }
        }
        // Comments left over (e.g. on ideas with few steps) come after the last step.
        for (n, (email, text)) in comments.enumerate() {
            if demo.journey.is_empty() {
                break;
            }
            let last = times.last().copied().unwrap_or_else(|| step_time(steps));
            clock.set(time.at_work(last.max(step_time(steps)) + SignedDuration::from_hours(2 + n as i64)));
            let who = person(email).await?;
            at.add_comment(&who, idea.id, text).await.map_err(|err| anyhow!("demo comment: {err}"))?;
        }
    }
    Ok(created.len())
}

/// The demo's meetings with agendas, guests, attendance, minutes and decisions, planned and held
/// through the domain's use cases with the clock set to when each happened. A tovholdergruppe
/// decision travels to every erfagruppe; the erfagrupper named in the data mark it presented at
/// their next meeting, the others have it still to present. Skipped when meetings exist.
async fn load_meetings(svc: &Services, store: &Storage) -> anyhow::Result<usize> {
    use crate::demo_meetings::MEETINGS;
    use idespor_domain::clock::{Clock, FixedClock};
    use idespor_domain::group::GroupRole;
    use idespor_domain::meeting::{AgendaItemForm, DecisionForm, DecisionMoveForm, MeetingForm};
    use idespor_domain::service::Actor;
    use idespor_domain::store::MeetingFilter;
    use idespor_domain::{DecisionId, GroupId};
    use jiff::{SignedDuration, Timestamp};
    use std::collections::HashMap;
    use std::sync::Arc;

    let e = |e: idespor_domain::DomainError| anyhow!("{e}");
    if !store
        .list_meetings(&MeetingFilter { include_cancelled: true, limit: 1, ..Default::default() })
        .await
        .map_err(e)?
        .is_empty()
    {
        return Ok(0);
    }
    let now = svc.now();
    let tz = idespor_domain::clock::copenhagen();
    let time = DemoTime::new(now);
    let ideas = store.list_ideas(&Default::default(), Default::default(), 1, 500).await.map_err(e)?.ideas;
    // Drafts are their authors' own: an agenda or decision names only submitted ideas.
    let idea_id = |title: &str| -> Option<i64> { ideas.iter().find(|i| i.title == title).map(|i| i.id.0) };
    let person = |email: &'static str| async move {
        let candidate = store.find_login_candidate(email).await.map_err(e)?;
        candidate.map(|c| Actor::new(c.user)).ok_or_else(|| anyhow!("demo person {email} missing"))
    };
    // Who keeps a group's meetings: its (first) coordinator, or its first member.
    let mut keepers: HashMap<String, (GroupId, Actor)> = HashMap::new();
    for g in store.list_groups().await.map_err(e)? {
        let members = store.group_members(g.group.id).await.map_err(e)?;
        let keeper = members.iter().find(|m| m.role == GroupRole::Coordinator).or(members.first());
        if let Some(m) = keeper {
            let user = store.get_user(m.user_id).await.map_err(e)?.ok_or_else(|| anyhow!("demo member missing"))?;
            keepers.insert(g.group.name.clone(), (g.group.id, Actor::new(user)));
        }
    }
    let clock = FixedClock::at(now);
    let at = Services::new(store.clone(), Arc::new(clock.clone()));
    let mut order: Vec<&crate::demo_meetings::DemoMeeting> = MEETINGS.iter().collect();
    order.sort_by_key(|m| m.days_from_today);
    // (decision, the erfagrupper that present it, when it was made, those that have)
    type ToPresent = (DecisionId, &'static [&'static str], Timestamp, Vec<&'static str>);
    let mut to_present: Vec<ToPresent> = Vec::new();
    for demo in &order {
        let (group, keeper) = keepers.get(demo.group).ok_or_else(|| anyhow!("demo group {} missing", demo.group))?;
        let date = time.day(demo.days_from_today);
        let start = date
            .to_datetime(jiff::civil::Time::new(demo.start.0, demo.start.1, 0, 0).map_err(|x| anyhow!("{x}"))?)
            .to_zoned_datetime(tz.clone())
            .map_err(|x| anyhow!("{x}"))?
            .timestamp();
        let end = start + SignedDuration::from_mins(demo.duration_minutes);
        let local = |t: Timestamp| {
            let z = t.to_zoned_datetime(tz.clone());
            (z.date().to_string(), format!("{:02}.{:02}", z.hour(), z.minute()))
        };
        let (date_s, start_s) = local(start);
        let (end_date, end_s) = local(end);
        let form = MeetingForm {
            kind: demo.kind.into(),
            title: demo.title.into(),
            date: date_s.clone(),
            start_time: start_s,
            end_time: end_s,
            end_date: if end_date == date_s { String::new() } else { end_date },
            place: demo.place.into(),
            online_url: demo.online_url.into(),
            description: String::new(),
            version: None,
        };
        // Planned two weeks ahead (or a few days ago, for the soonest upcoming ones).
        let planned = (start - SignedDuration::from_hours(24 * 14)).min(now - SignedDuration::from_hours(72));
        clock.set(time.at_work(planned));
        let meeting =
            at.plan_meeting(keeper, *group, &form).await.map_err(|x| anyhow!("demo meeting {:?}: {x}", demo.title))?;
        clock.set(time.at_work(planned + SignedDuration::from_hours(1)));
        for item in demo.agenda {
            let form = AgendaItemForm {
                title: item.title.into(),
                notes: item.notes.into(),
                idea_id: item.idea.and_then(idea_id).map(|i| i.to_string()).unwrap_or_default(),
                ..Default::default()
            };
            at.add_agenda_item(keeper, meeting.id, &form)
                .await
                .map_err(|x| anyhow!("demo agenda {:?}: {x}", item.title))?;
        }
        for guest in demo.guests {
            at.invite_guest(keeper, meeting.id, guest).await.map_err(|x| anyhow!("demo guest {guest}: {x}"))?;
        }
        if end > now {
            continue;
        }
        // The erfagruppe presents the tovholdergruppe decisions the data says it has presented.
        clock.set(start + SignedDuration::from_mins(30));
        for (decision, groups, decided, done) in to_present.iter_mut() {
            if !done.contains(&demo.group) && groups.contains(&demo.group) && *decided < start {
                at.mark_presented(keeper, *decision, *group, Some(meeting.id)).await.map_err(e)?;
                done.push(demo.group);
            }
        }
        clock.set(end);
        let mut absent = Vec::new();
        for email in demo.absent {
            absent.push(person(email).await?.user.id);
        }
        let attended: Vec<_> = store
            .meeting_attendees(meeting.id)
            .await
            .map_err(e)?
            .into_iter()
            .map(|a| a.user_id)
            .filter(|u| !absent.contains(u))
            .collect();
        at.record_attendance(keeper, meeting.id, &attended).await.map_err(e)?;
        for (n, d) in demo.decisions.iter().enumerate() {
            clock.set(end - SignedDuration::from_mins(20 - n as i64));
            let form = DecisionForm {
                title: d.title.into(),
                body: d.text.into(),
                reason: d.reason.into(),
                meeting_id: Some(meeting.id.0),
                moves: d
                    .ideas
                    .iter()
                    .filter_map(|t| idea_id(t))
                    .map(|idea_id| DecisionMoveForm { idea_id, ..Default::default() })
                    .collect(),
            };
            let id = at
                .record_decision(keeper, *group, &form)
                .await
                .map_err(|x| anyhow!("demo decision {:?}: {x}", d.title))?;
            if !d.presented_by.is_empty() {
                to_present.push((id, d.presented_by, clock.now(), Vec::new()));
            }
        }
        if !demo.minutes.is_empty() {
            clock
                .set(time.at_work_after(end + SignedDuration::from_hours(24 * 2), end + SignedDuration::from_mins(30)));
            at.save_minutes(keeper, meeting.id, demo.minutes, false).await.map_err(e)?;
            if demo.minutes_approved {
                let approved = end + SignedDuration::from_hours(24 * 9).min(now.duration_since(end));
                clock.set(time.at_work_after(approved, clock.now() + SignedDuration::from_mins(10)));
                at.save_minutes(keeper, meeting.id, demo.minutes, true).await.map_err(e)?;
            }
        }
    }
    Ok(MEETINGS.len())
}

/// Two prioritization rounds: one closed a month ago, its result published as a
/// tovholdergruppe decision (one erfagruppe did not vote), and one open now with some ballots.
/// Skipped when rounds exist.
async fn load_rounds(svc: &Services, store: &Storage) -> anyhow::Result<()> {
    use idespor_domain::IdeaId;
    use idespor_domain::clock::{Clock, FixedClock};
    use idespor_domain::group::{GroupKind, GroupRole};
    use idespor_domain::round::RoundForm;
    use idespor_domain::service::Actor;
    use jiff::SignedDuration;
    use std::collections::BTreeMap;
    use std::sync::Arc;

    let e = |e: idespor_domain::DomainError| anyhow!("{e}");
    if !store.list_rounds().await.map_err(e)?.is_empty() {
        return Ok(());
    }
    let now = svc.now();
    let time = DemoTime::new(now);
    let henrik = store.find_login_candidate("henrik.dam@idespor.test").await.map_err(e)?.map(|c| Actor::new(c.user));
    let Some(henrik) = henrik else { return Ok(()) };
    let mut coordinators: Vec<(String, Actor)> = Vec::new();
    for g in store.groups_of_kind(GroupKind::Erfa).await.map_err(e)? {
        if let Some(m) =
            store.group_members(g.id).await.map_err(e)?.into_iter().find(|m| m.role == GroupRole::Coordinator)
            && let Some(user) = store.get_user(m.user_id).await.map_err(e)?
        {
            coordinators.push((format!("group:{}", g.id), Actor::new(user)));
        }
    }
    let clock = FixedClock::at(now);
    let at = Services::new(store.clone(), Arc::new(clock.clone()));
    let candidates = svc.round_candidates(&henrik).await.map_err(e)?;
    // The closed round takes ideas that have waited with the tovholdergruppe since before it
    // opened, so that their history stays in order.
    let old: Vec<i64> = candidates
        .iter()
        .filter(|i| i.status_changed_at < now - SignedDuration::from_hours(24 * 36))
        .map(|i| i.id.0)
        .take(4)
        .collect();
    if old.len() >= 2 {
        // Open from a working morning to a working afternoon four or five days later.
        let (opens, closes) = (time.on_or_before(-35), time.on_or_after(-31));
        let (opens_at, closes_at) = (time.at(opens, 8, 0), time.at(closes, 16, 0));
        clock.set(time.at_work(now - SignedDuration::from_hours(24 * 36)));
        let form = RoundForm {
            title: "Prioritering af videresendte idéer, efteråret".into(),
            description: "Hver erfagruppe fordeler 10 point mellem idéerne. Resultatet går til produktledelsen.".into(),
            method: "points".into(),
            budget: "10".into(),
            voters: "erfagrupper".into(),
            opens_date: opens.to_string(),
            opens_time: "08.00".into(),
            closes_date: closes.to_string(),
            closes_time: "16.00".into(),
            ideas: old.clone(),
        };
        let round = at.create_round(&henrik, &form).await.map_err(e)?;
        // Four of the five erfagrupper vote; the points are spread differently in each.
        let patterns: [&[i32]; 4] = [&[5, 3, 2, 0], &[2, 6, 2, 0], &[4, 4, 1, 1], &[0, 3, 3, 4]];
        for (n, ((voter, coordinator), pattern)) in coordinators.iter().zip(patterns).enumerate() {
            let cast = time.at_work(now - SignedDuration::from_hours(24 * 34 - 18 * n as i64));
            clock.set(cast.clamp(opens_at + SignedDuration::from_hours(1), closes_at - SignedDuration::from_hours(1)));
            let values: BTreeMap<IdeaId, i32> =
                old.iter().zip(pattern.iter()).filter(|(_, v)| **v > 0).map(|(i, v)| (IdeaId(*i), *v)).collect();
            at.cast_ballot(coordinator, round, voter, &values).await.map_err(e)?;
        }
        // Published the next working morning.
        clock.set(time.at(idespor_domain::calendar::next_working_day(closes), 9, 30));
        at.publish_round(&henrik, round).await.map_err(e)?;
    }
    // The open round: what the tovholdergruppe holds now, ranked.
    let open: Vec<i64> = at.round_candidates(&henrik).await.map_err(e)?.iter().map(|i| i.id.0).take(6).collect();
    if !open.is_empty() {
        let (opens, closes) = (time.on_or_before(-3), time.on_or_after(12));
        let opens_at = time.at(opens, 8, 0);
        clock.set(time.at_work(now - SignedDuration::from_hours(24 * 4)));
        let form = RoundForm {
            title: "Prioritering før kundekonferencen".into(),
            description: "Rangordn idéerne: 1 ved den vigtigste. Runden lukker før næste tovholdermøde.".into(),
            method: "ranking".into(),
            budget: String::new(),
            voters: "erfagrupper".into(),
            opens_date: opens.to_string(),
            opens_time: "08.00".into(),
            closes_date: closes.to_string(),
            closes_time: "16.00".into(),
            ideas: open.clone(),
        };
        let round = at.create_round(&henrik, &form).await.map_err(e)?;
        for (n, (voter, coordinator)) in coordinators.iter().take(2).enumerate() {
            let cast = time.at_work(now - SignedDuration::from_hours(24 * (2 - n as i64)));
            clock.set(cast.max(opens_at + SignedDuration::from_hours(1 + n as i64)));
            let values: BTreeMap<IdeaId, i32> = open
                .iter()
                .rev()
                .take(3)
                .enumerate()
                .map(|(k, i)| (IdeaId(*i), (k as i32 + n as i32) % 3 + 1))
                .collect();
            at.cast_ballot(coordinator, round, voter, &values).await.map_err(e)?;
        }
    }
    let _ = clock.now();
    Ok(())
}

/// What the demo's released releases carried besides customers' ideas (legislation, the
/// vendor's own work), so the roadmap's share from customers is honest. Skipped when present.
async fn load_release_items(svc: &Services, store: &Storage) -> anyhow::Result<()> {
    use idespor_domain::roadmap::ReleaseItemForm;
    let e = |e: idespor_domain::DomainError| anyhow!("{e}");
    if !store.release_items().await.map_err(e)?.is_empty() {
        return Ok(());
    }
    const ITEMS: [(&str, &str, &str); 5] = [
        (
            "Tilpasning til nye regler for journalføring",
            "legislation",
            "Krav fra Sundhedsdatastyrelsen om logning af opslag.",
        ),
        ("Ny teknisk platform for mobilappen", "vendor", "Leverandørens udskiftning af den underliggende platform."),
        ("Opdateret FSIII-katalog", "legislation", "Fællessprog III i den nyeste version."),
        ("Hurtigere indlæsning af borgeroverblikket", "vendor", "Leverandørens eget forbedringsarbejde."),
        ("Sikkerhedsopdateringer", "vendor", ""),
    ];
    let released: Vec<_> =
        store.list_releases().await.map_err(e)?.into_iter().filter(|r| r.released_date.is_some()).collect();
    for (n, (title, source, description)) in ITEMS.iter().enumerate() {
        let Some(release) = released.get(n % released.len().max(1)) else { break };
        let form =
            ReleaseItemForm { title: (*title).into(), source: (*source).into(), description: (*description).into() };
        svc.add_release_item(None, release.id, &form).await.map_err(e)?;
    }
    Ok(())
}
