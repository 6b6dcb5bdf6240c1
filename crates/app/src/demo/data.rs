//! The demo content itself: real Iranian agencies, the innovation-field taxonomy, one account per role.

use halqe_domain::agency::AgencyKind;
use halqe_domain::province::Province;
use halqe_domain::user::Role;

/// The password of every demo account (shown on the login page in demo mode).
pub const DEMO_PASSWORD: &str = "halqe-demo-1402";

pub struct DemoField {
    pub slug: &'static str,
    pub parent: Option<&'static str>,
    pub name_fa: &'static str,
    pub name_en: &'static str,
}

const fn field(
    slug: &'static str,
    parent: Option<&'static str>,
    name_fa: &'static str,
    name_en: &'static str,
) -> DemoField {
    DemoField { slug, parent, name_fa, name_en }
}

/// The taxonomy of innovation fields for administrative and employment systems, parents before children.
pub const FIELDS: &[DemoField] = &[
    field("recruitment", None, "جذب و استخدام", "Recruitment and exams"),
    field("recruitment-exams", Some("recruitment"), "آزمون‌های استخدامی", "Civil-service exams"),
    field("recruitment-selection", Some("recruitment"), "مصاحبه و گزینش", "Interviews and selection"),
    field("recruitment-elites", Some("recruitment"), "جذب نخبگان", "Attracting elites"),
    field("performance", None, "مدیریت عملکرد", "Performance management"),
    field("performance-appraisal", Some("performance"), "ارزیابی عملکرد کارکنان", "Employee performance appraisal"),
    field("performance-indicators", Some("performance"), "شاخص‌های عملکرد دستگاه‌ها", "Agency performance indicators"),
    field("performance-pay", Some("performance"), "پرداخت مبتنی بر عملکرد", "Performance-based pay"),
    field("egov", None, "خدمات دولت الکترونیک", "E-government services"),
    field("egov-single-window", Some("egov"), "پنجره واحد خدمات", "Single-window services"),
    field("egov-identity", Some("egov"), "احراز هویت دیجیتال", "Digital identity"),
    field("egov-paperless", Some("egov"), "کاهش مراجعه حضوری و کاغذ", "Paperless, visit-free services"),
    field("hr-analytics", None, "تحلیل داده‌های منابع انسانی", "HR analytics"),
    field("hr-analytics-records", Some("hr-analytics"), "سامانه اطلاعات کارکنان", "Workforce information systems"),
    field("hr-analytics-planning", Some("hr-analytics"), "برنامه‌ریزی نیروی انسانی", "Workforce planning"),
    field("hr-analytics-ai", Some("hr-analytics"), "هوش مصنوعی در منابع انسانی", "AI in human resources"),
    field("org-design", None, "طراحی و ساختار سازمانی", "Organizational design"),
    field("org-design-streamlining", Some("org-design"), "چابک‌سازی ساختار", "Structural streamlining"),
    field("org-design-process", Some("org-design"), "مهندسی مجدد فرایندها", "Process re-engineering"),
    field("payroll", None, "حقوق، دستمزد و مزایا", "Payroll and benefits"),
    field("payroll-unified", Some("payroll"), "نظام هماهنگ پرداخت", "Unified pay system"),
    field("payroll-pensions", Some("payroll"), "بازنشستگی", "Pensions"),
    field("payroll-welfare", Some("payroll"), "رفاه کارکنان", "Employee welfare"),
    field("training", None, "آموزش و توانمندسازی", "Training and development"),
    field("training-elearning", Some("training"), "آموزش مجازی کارکنان", "E-learning for staff"),
    field("training-managers", Some("training"), "شایستگی مدیران", "Managerial competencies"),
    field("training-careers", Some("training"), "مسیر شغلی", "Career paths"),
    field("ethics", None, "اخلاق و شفافیت اداری", "Ethics and transparency"),
    field("ethics-open-data", Some("ethics"), "شفافیت و داده باز", "Transparency and open data"),
    field("ethics-anti-corruption", Some("ethics"), "پیشگیری از فساد اداری", "Preventing administrative corruption"),
    field("ethics-citizen-rights", Some("ethics"), "حقوق شهروندی در نظام اداری", "Citizens' rights in administration"),
    field("work-modes", None, "شیوه‌های نوین کار", "New ways of working"),
    field("work-modes-remote", Some("work-modes"), "دورکاری", "Remote work"),
    field("work-modes-flexible", Some("work-modes"), "ساعات کاری منعطف", "Flexible working hours"),
    field("citizen-experience", None, "تجربه شهروندی", "Citizen experience"),
    field(
        "citizen-experience-satisfaction",
        Some("citizen-experience"),
        "سنجش رضایت مردم",
        "Measuring public satisfaction",
    ),
    field("citizen-experience-complaints", Some("citizen-experience"), "رسیدگی به شکایات", "Complaints handling"),
    field("citizen-experience-design", Some("citizen-experience"), "طراحی خدمت", "Service design"),
];

pub struct DemoAgency {
    pub slug: &'static str,
    pub name_fa: &'static str,
    pub name_en: &'static str,
    pub kind: AgencyKind,
    pub province: Province,
}

const fn agency(
    slug: &'static str,
    name_fa: &'static str,
    name_en: &'static str,
    kind: AgencyKind,
    province: Province,
) -> DemoAgency {
    DemoAgency { slug, name_fa, name_en, kind, province }
}

/// Ministries, national organizations, provincial offices and state companies.
pub const AGENCIES: &[DemoAgency] = &[
    agency(
        "aeo",
        "سازمان اداری و استخدامی کشور",
        "Administrative and Employment Organization",
        AgencyKind::Organization,
        Province::Tehran,
    ),
    agency(
        "labour",
        "وزارت تعاون، کار و رفاه اجتماعی",
        "Ministry of Cooperatives, Labour and Social Welfare",
        AgencyKind::Ministry,
        Province::Tehran,
    ),
    agency(
        "economy",
        "وزارت امور اقتصادی و دارایی",
        "Ministry of Economic Affairs and Finance",
        AgencyKind::Ministry,
        Province::Tehran,
    ),
    agency("education", "وزارت آموزش و پرورش", "Ministry of Education", AgencyKind::Ministry, Province::Tehran),
    agency(
        "health",
        "وزارت بهداشت، درمان و آموزش پزشکی",
        "Ministry of Health and Medical Education",
        AgencyKind::Ministry,
        Province::Tehran,
    ),
    agency(
        "civil-registration",
        "سازمان ثبت احوال کشور",
        "National Organization for Civil Registration",
        AgencyKind::Organization,
        Province::Tehran,
    ),
    agency(
        "social-security",
        "سازمان تأمین اجتماعی",
        "Social Security Organization",
        AgencyKind::Organization,
        Province::Tehran,
    ),
    agency(
        "plan-budget",
        "سازمان برنامه و بودجه کشور",
        "Plan and Budget Organization",
        AgencyKind::Organization,
        Province::Tehran,
    ),
    agency(
        "isfahan-governorate",
        "استانداری اصفهان",
        "Isfahan Governorate",
        AgencyKind::ProvincialOffice,
        Province::Isfahan,
    ),
    agency(
        "razavi-economy",
        "اداره کل امور اقتصادی و دارایی خراسان رضوی",
        "Razavi Khorasan Directorate of Economic Affairs and Finance",
        AgencyKind::ProvincialOffice,
        Province::RazaviKhorasan,
    ),
    agency(
        "fars-labour",
        "اداره کل تعاون، کار و رفاه اجتماعی استان فارس",
        "Fars Directorate of Cooperatives, Labour and Social Welfare",
        AgencyKind::ProvincialOffice,
        Province::Fars,
    ),
    agency(
        "east-azerbaijan-aeo",
        "اداره کل مدیریت و برنامه‌ریزی آذربایجان شرقی",
        "East Azerbaijan Management and Planning Directorate",
        AgencyKind::ProvincialOffice,
        Province::EastAzerbaijan,
    ),
    agency("post", "شرکت ملی پست جمهوری اسلامی ایران", "Iran Post Company", AgencyKind::StateCompany, Province::Tehran),
    agency(
        "itc",
        "شرکت فناوری اطلاعات ایران",
        "Information Technology Company of Iran",
        AgencyKind::StateCompany,
        Province::Tehran,
    ),
    agency("tehran-university", "دانشگاه تهران", "University of Tehran", AgencyKind::University, Province::Tehran),
];

pub struct DemoUser {
    pub email: &'static str,
    pub display_name: &'static str,
    pub roles: &'static [Role],
    /// Slug of the officer's agency.
    pub agency: Option<&'static str>,
}

/// How many of `USERS` come first, one per role: the accounts the sign-in page and `serve --demo` show.
pub const ONE_PER_ROLE: usize = 6;

/// One account per role first (the admin comes first), then a few more people.
pub const USERS: &[DemoUser] = &[
    DemoUser { email: "admin@halqe.demo", display_name: "مدیر سامانه", roles: &[Role::Admin], agency: None },
    DemoUser { email: "staff@halqe.demo", display_name: "مریم احمدی", roles: &[Role::Staff], agency: None },
    DemoUser {
        email: "officer@halqe.demo",
        display_name: "رضا محمدی",
        roles: &[Role::Officer],
        agency: Some("labour"),
    },
    DemoUser {
        email: "reviewer@halqe.demo", display_name: "دکتر زهرا کریمی", roles: &[Role::Reviewer], agency: None
    },
    DemoUser {
        email: "innovator@halqe.demo", display_name: "علی حسینی", roles: &[Role::Innovator], agency: None
    },
    DemoUser {
        email: "auditor@halqe.demo", display_name: "بهناز توکلی", roles: &[Role::Auditor], agency: None
    },
    DemoUser {
        email: "officer.isfahan@halqe.demo",
        display_name: "فاطمه نوری",
        roles: &[Role::Officer],
        agency: Some("isfahan-governorate"),
    },
    DemoUser {
        email: "officer.ssa@halqe.demo",
        display_name: "حسین رضایی",
        roles: &[Role::Officer],
        agency: Some("social-security"),
    },
    DemoUser { email: "staff2@halqe.demo", display_name: "سارا موسوی", roles: &[Role::Staff], agency: None },
    DemoUser {
        email: "researcher@halqe.demo",
        display_name: "دکتر امیر جعفری",
        roles: &[Role::Innovator, Role::Reviewer],
        agency: None,
    },
    DemoUser {
        email: "founder@halqe.demo", display_name: "نگار صادقی", roles: &[Role::Innovator], agency: None
    },
    DemoUser {
        email: "former.officer@halqe.demo",
        display_name: "کیوان شریفی",
        roles: &[Role::Innovator],
        agency: None,
    },
];

/// A demo account an admin has disabled (a former officer), so the admin pages show one.
pub const DISABLED_USER: &str = "former.officer@halqe.demo";
