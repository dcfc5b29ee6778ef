//! Words the generated nation is made of: names of people, places and programmes.

pub const FIRST: [&str; 40] = [
    "Aisha", "Ben", "Chloe", "Dev", "Ella", "Femi", "Grace", "Harry", "Isla", "Jack", "Kiran",
    "Lily", "Mo", "Nina", "Owen", "Priti", "Quinn", "Rosa", "Sean", "Tara", "Umar", "Vera", "Will",
    "Xena", "Yusuf", "Zoe", "Amir", "Beth", "Cody", "Dana", "Eli", "Fatima", "Gus", "Hana", "Ivan",
    "Jo", "Kofi", "Leah", "Marek", "Niamh",
];

pub const LAST: [&str; 40] = [
    "Khan", "Carter", "Evans", "Patel", "Hughes", "Adeyemi", "Lee", "Wood", "Murray", "Turner",
    "Shah", "Price", "Ahmed", "Rossi", "Rao", "Baker", "Diaz", "Kelly", "Singh", "Farooq", "Novak",
    "Jones", "Clarke", "Ali", "Martin", "Haddad", "Lowe", "Reid", "Okafor", "Walsh", "Nowak",
    "Byrne", "Chen", "Osei", "Kaur", "Doyle", "Mensah", "Hall", "Young", "Green",
];

/// Places that name the 42 regions (an ICS each), used with "and" to make 42 distinct names.
pub const PLACES: [&str; 42] = [
    "Northmoor",
    "Eastfield",
    "Westbrook",
    "Southvale",
    "Highcliff",
    "Lowmead",
    "Ashdown",
    "Birchley",
    "Cedarbank",
    "Dunmore",
    "Elmstead",
    "Fernhill",
    "Glenford",
    "Hartwell",
    "Ivybridge",
    "Juniper",
    "Kingsmere",
    "Larkrise",
    "Millbrook",
    "Newhaven",
    "Oakridge",
    "Pinewood",
    "Queensbury",
    "Riverside",
    "Stonegate",
    "Thornbury",
    "Upton",
    "Valewood",
    "Whitecliff",
    "Yarrow",
    "Ashford",
    "Bramley",
    "Colford",
    "Deepdale",
    "Edgemoor",
    "Foxley",
    "Greystone",
    "Hollins",
    "Ironbridge",
    "Kestrel",
    "Lindale",
    "Marshfield",
];

/// Kinds of member organisation in a region.
pub const MEMBER_KINDS: [&str; 6] = [
    "Hospitals NHS Trust",
    "Community Health NHS Trust",
    "Council Adult Social Care",
    "Care Partnership",
    "Mental Health NHS Foundation Trust",
    "Primary Care Network",
];

pub const TOPICS: [&str; 12] = [
    "Leading Through Change",
    "Compassionate Leadership",
    "Working Across Boundaries",
    "Improving Patient Flow",
    "Leading Hybrid Teams",
    "Inclusive Leadership",
    "Coaching for Managers",
    "Quality Improvement",
    "Wellbeing at Work",
    "Leading in Primary Care",
    "Systems Leadership",
    "Resilient Teams",
];

pub const THEMES: [&str; 8] = [
    "Workforce",
    "Patient flow",
    "Culture",
    "Working across organisations",
    "Money",
    "Digital",
    "Wellbeing",
    "Quality",
];

pub const PROBLEMS: [&str; 8] = [
    "Keeping experienced staff on the night rota",
    "Discharges that wait for social care packages",
    "A team that stopped speaking up in meetings",
    "Two services that refer the same people twice",
    "A budget cut of a fifth with no fewer referrals",
    "A new records system nobody trusts yet",
    "Sickness absence after a hard winter",
    "Audits that find the same gaps every quarter",
];

pub const DIARY: [&str; 6] = [
    "Today the questions helped me see the problem is not the rota but who decides it.",
    "I tried asking my team what they would change first; two ideas I had not considered.",
    "Noticed I jump to solutions when someone else presents. Holding back next time.",
    "The action from last month went better than expected; the next step is harder.",
    "Hard meeting. Wrote down what I would say if I were braver, and will say half of it.",
    "Reflection on the set: we are starting to trust each other with the real problems.",
];

pub const LOGS: [&str; 4] = [
    "The set worked well on questions today; one member stayed quiet and I should check in.",
    "Time ran short for the second presenter; keep the check-in to ten minutes.",
    "Noticed the group rescuing the presenter with advice; named it and it changed.",
    "Good energy; the review meeting surfaced what people have learnt about themselves.",
];
