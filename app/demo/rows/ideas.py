"""Demo ideas as rows: the partners, ideas with their outcome, comments and an agenda.

Demo partners, ideas, comments and Portalen's agenda: written in Swedish, Arabic, Somali and
English, with votes, a hidden idea with its reason, and partner links.

An idea's ``outcome`` is "published", "hidden" (with the leader's reason), "submitted" (left
for moderation), or ("partner", partner name, accepted?) for a published idea the leader asked a
partner about. Published ideas get votes from the area's verified residents.
"""

from app.models import Category, HideReason, PartnerKind

# The partners named in the seeds; every area can work with them.
PARTNERS = [
    ("Röda korset", PartnerKind.NGO, "Språkcafé, läxhjälp och mötesplatser för nyanlända."),
    ("Svenska kyrkan", PartnerKind.CHURCH, "Sommarlovsaktiviteter, samtal och stöd i vardagen."),
    ("ABF", PartnerKind.STUDY_ASSOCIATION, "Studiecirklar, kurser och stöd till nya föreningar."),
    (
        "Hyresgästföreningen",
        PartnerKind.TENANTS_UNION,
        "Boendeinflytande, gårdsmöten och lokaler för de boende.",
    ),
]

# (area slug, author's name, language, category, title, text, outcome)
# outcome: "published", "hidden", "submitted", or ("partner", partner name, accepted?)
IDEAS = [
    (
        "boden",
        "Amina Hassan",
        "so",
        Category.WORK_STUDIES,
        "Koorso kombuyuutar oo haweenka loogu talagalay",
        "Waxaan rabnaa koorso kombuyuutar ah oo fiidkii ah, si aan shaqo u raadsanno oo aan "
        "CV u qorno. Xafiiska guriga ayaa lagu qaban karaa.",
        ("partner", "ABF", True),
    ),
    (
        "boden",
        "Tesfay Gebremariam",
        "sv",
        Category.CULTURE_LEISURE,
        "Fotbollsplan med belysning",
        "Planen bakom skolan är mörk från oktober. Med belysning kan ungdomarna spela efter "
        "skolan hela vintern.",
        "published",
    ),
    (
        "boden",
        "Amina Hassan",
        "sv",
        Category.SERVICES,
        "Språkcafé på lördagar",
        "Ett språkcafé där vi som är nya i Boden kan öva svenska med grannar över en fika.",
        ("partner", "Röda korset", False),
    ),
    (
        "portalen",
        "Fatima Al-Sayed",
        "ar",
        Category.WORK_STUDIES,
        "تعاونية للطبخ والتموين",
        "نحن مجموعة من النساء نطبخ جيداً. نريد أن نبدأ تعاونية صغيرة للتموين في الحي، ونحتاج "
        "إلى دورة في إدارة الأعمال ومكان للطبخ.",
        ("partner", "ABF", True),
    ),
    (
        "portalen",
        "Maryam Rahimi",
        "sv",
        Category.SAFETY,
        "Bättre belysning på gångvägen till busshållplatsen",
        "Gångvägen mellan husen och busshållplatsen är mörk och känns otrygg på kvällen.",
        "published",
    ),
    (
        "portalen",
        "Hodan Abdi",
        "so",
        Category.SCHOOL_YOUTH,
        "Caawimaad casharrada guriga",
        "Carruurtu waxay u baahan yihiin caawimaad casharrada guriga ah maalmaha shaqada.",
        "published",
    ),
    (
        "portalen",
        "Fatima Al-Sayed",
        "ar",
        Category.HOUSING_PREMISES,
        "غرفة غسيل مفتوحة في المساء",
        "نرجو فتح غرفة الغسيل حتى الساعة العاشرة مساءً للعائلات العاملة.",
        "published",
    ),
    (
        "rannebergen",
        "Layla Mahmoud",
        "ar",
        Category.SCHOOL_YOUTH,
        "مقهى للشباب في عطلة نهاية الأسبوع",
        "يحتاج الشباب إلى مكان آمن يلتقون فيه أيام الجمعة والسبت مساءً، يديره الشباب أنفسهم.",
        ("partner", "Svenska kyrkan", True),
    ),
    (
        "rannebergen",
        "Erik Johansson",
        "sv",
        Category.ENVIRONMENT,
        "Odlingslotter på gården",
        "Pallkragar på gården där grannar kan odla grönsaker tillsammans. Jag kan lära ut.",
        "published",
    ),
    (
        "rannebergen",
        "Samir Khalil",
        "sv",
        Category.CULTURE_LEISURE,
        "Sälj min gamla cykel – ring 070-123 45 67",
        "Jag säljer en cykel, ring mig på 070-123 45 67 eller kom till port 4.",
        "hidden",
    ),
    (
        "lina-hage",
        "Gabriel Aho",
        "en",
        Category.CULTURE_LEISURE,
        "Open-air cinema in the courtyard",
        "Let's show films in the courtyard on summer evenings, with subtitles in several "
        "languages chosen by the neighbours.",
        ("partner", "Hyresgästföreningen", True),
    ),
    (
        "lina-hage",
        "Nour Haddad",
        "ar",
        Category.WORK_STUDIES,
        "وظائف صيفية للشباب في الحي",
        "نريد وظائف صيفية قريبة من البيت: في المقهى، في الحدائق، ومع كبار السن.",
        "published",
    ),
    (
        "lina-hage",
        "Aram Barsoum",
        "sv",
        Category.SCHOOL_YOUTH,
        "Läxhjälp med äldre elever",
        "Gymnasieelever som hjälper högstadiet med matte och svenska två kvällar i veckan.",
        "submitted",
    ),
]

# (idea, writer, comment, the language it is written in)
COMMENTS = [
    (
        "Fotbollsplan med belysning",
        "Erik Johansson",
        "Bra! Jag kan hjälpa till att prata med kommunen.",
        "sv",
    ),
    (
        "تعاونية للطبخ والتموين",
        "Maryam Rahimi",
        "Jag vill vara med! Jag har jobbat i kök i Iran.",
        "sv",
    ),
    (
        "تعاونية للطبخ والتموين",
        "Hodan Abdi",
        "Waan ku biirayaa, aad baan u jeclahay fikraddan.",
        "so",
    ),
    ("Odlingslotter på gården", "Layla Mahmoud", "فكرة رائعة، أطفالي سيحبون ذلك.", "ar"),
    ("Open-air cinema in the courtyard", "Nour Haddad", "نعم! مع أفلام عربية أيضاً من فضلكم.", "ar"),
]


# Why the leader hid an idea: (reason code, reason shown to the author).
HIDDEN_BECAUSE = (
    HideReason.PERSONAL_DATA,
    "Innehöll ett telefonnummer. Sälj gärna på anslagstavlan i tvättstugan.",
)

# What the leader asks a partner, and what an accepting partner answers.
LINK_QUESTION = "Kan ni hjälpa till?"
LINK_ANSWER = "Vi hjälper gärna till."

# A meeting agenda cut from the most-voted ideas, in days from today.
AGENDAS = [
    {
        "area": "portalen",
        "title": "Stormöte i Portalen",
        "in_days": 14,
        "place": "Portalens mötesplats",
        "idea_count": 3,
    },
]
