"""Tests of contact details found through disguise, of hard negatives, and of their purpose."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.conf import settings

from inbox.detection.contacts import ContactFindings, find_contacts, name_messengers
from inbox.detection.purpose import contact_purpose

DATA = Path(settings.BASE_DIR).parent / "shared" / "data"
COLUMNS = {"has_email": "emails", "has_phone": "phones", "has_url": "urls", "has_handle": "handles"}


def _contact_rows() -> list[dict[str, str]]:
    path = DATA / "contact_sample.csv"
    if not path.exists():
        pytest.skip(f"no labelled sample at {path}")
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _f1(truth: list[bool], predicted: list[bool]) -> tuple[float, float, float]:
    tp = sum(t and p for t, p in zip(truth, predicted, strict=True))
    precision = tp / max(1, sum(predicted))
    recall = tp / max(1, sum(truth))
    return precision, recall, 2 * precision * recall / max(1e-9, precision + recall)


# --- The labelled sample ---------------------------------------------------------------------


@pytest.mark.parametrize("column", list(COLUMNS))
def test_contact_sample_column_precision_and_recall_stay_high(column):
    rows = _contact_rows()
    truth = [row[column] == "1" for row in rows]
    predicted = [bool(getattr(find_contacts(row["text"]), COLUMNS[column])) for row in rows]
    precision, recall, f1 = _f1(truth, predicted)
    assert precision >= 0.9, (column, precision)
    assert recall >= 0.9, (column, recall)
    assert f1 >= 0.9, (column, f1)


def test_contact_sample_scoping_purpose_is_recognised():
    rows = _contact_rows()
    truth = [row["scoping"] == "1" for row in rows]
    predicted = [
        contact_purpose(row["text"], find_contacts(row["text"])) == "scoping" for row in rows
    ]
    precision, recall, _f = _f1(truth, predicted)
    assert precision >= 0.9
    assert recall >= 0.85


DEV = Path(settings.BASE_DIR) / "inbox" / "detection" / "offline" / "corpus" / "contact_dev.csv"


def _dev_rows() -> list[dict[str, str]]:
    if not DEV.exists():
        pytest.skip(f"no development set at {DEV}")
    with DEV.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_development_set_meets_the_quality_targets():
    rows = _dev_rows()
    truth: list[bool] = []
    predicted: list[bool] = []
    false_alarms = hard_negatives = 0
    scoping_truth: list[bool] = []
    scoping_predicted: list[bool] = []
    for row in rows:
        findings = find_contacts(row["text"])
        for column, attribute in COLUMNS.items():
            truth.append(row[column] == "1")
            predicted.append(bool(getattr(findings, attribute)))
        if not any(row[column] == "1" for column in COLUMNS):
            hard_negatives += 1
            false_alarms += bool(findings)
        scoping_truth.append(row["scoping"] == "1")
        scoping_predicted.append(contact_purpose(row["text"], findings) == "scoping")
    _precision, _recall, f1 = _f1(truth, predicted)
    assert f1 >= 0.95, f1
    assert false_alarms <= 0.03 * hard_negatives, false_alarms
    _precision, scoping_recall, _f = _f1(scoping_truth, scoping_predicted)
    assert scoping_recall >= 0.9, scoping_recall


# --- Emails through disguise -----------------------------------------------------------------

EMAILS = [
    pytest.param("reach me at ben[at]example[dot]org", "ben@example.org", id="brackets"),
    pytest.param("write to j.smith(at)gmail(dot)com", "j.smith@gmail.com", id="parentheses"),
    pytest.param("contact: maria {at} outlook {dot} com", "maria@outlook.com", id="braces"),
    pytest.param("mail me — olga dot p at example dot com", "olga.p@example.com", id="words"),
    pytest.param("my mail is tom dot baker at proton dot me", "tom.baker@proton.me", id="words-2"),
    pytest.param("john at gmail.com", "john@gmail.com", id="plain-at-webmail"),
    pytest.param("anna @ example.com is my work mail", "anna@example.com", id="spaced-at"),
    pytest.param("email: d a n i e l . k @ example . net", "daniel.k@example.net", id="spaced"),
    pytest.param("j o h n 🔸 d o e @ gmail . com", "johndoe@gmail.com", id="emoji-separators"),
    pytest.param(
        "Email: " + "".join(chr(0xFEE0 + ord(char)) for char in "john@example.com"),
        "john@example.com",
        id="full-width",
    ),
    pytest.param("p\u200de\u200dter@exa\u200bmple.com", "peter@example.com", id="zero-width"),
    pytest.param("r\u0435ach me: s\u0430r\u0430@gm\u0430il.com", "sara@gmail.com", id="cyrillic"),
    pytest.param("Add: kline.staffing\uff20example.org", "kline.staffing@example.org", id="fw-at"),
    pytest.param("SEND TO Lucy.H@Example.COM", "lucy.h@example.com", id="case-folded"),
    pytest.param('ping me: arno "at" example "dot" org', "arno@example.org", id="quoted"),
    pytest.param(
        "nils \u2018at\u2019 example \u2018dot\u2019 net", "nils@example.net", id="curly-quoted"
    ),
    pytest.param("✉ rika.s [at] example • org", "rika.s@example.org", id="bullet-dot"),
    pytest.param("address: tom · lee @ example · net", "lee@example.net", id="bullets-local"),
    pytest.param("my gmail is dana.holt1991, use it", "dana.holt1991@gmail.com", id="webmail-name"),
    pytest.param("hotmail - ravi_codes", "ravi_codes@hotmail.com", id="webmail-dash"),
    pytest.param("outlook id: m.ferri.77", "m.ferri.77@outlook.com", id="webmail-id"),
    pytest.param("ask for me: pia_k, at yahoo dot com", "pia_k@yahoo.com", id="comma-before-at"),
    pytest.param("quinn at example dot io works", "quinn@example.io", id="disguised-domain"),
    pytest.param("I'm m.haddad on gmail, fyi", "m.haddad@gmail.com", id="name-on-webmail"),
]


@pytest.mark.parametrize(("text", "email"), EMAILS)
def test_disguised_email_is_found(text, email):
    assert find_contacts(text).emails == (email,)


def test_email_span_covers_what_the_sender_wrote():
    text = "mail me — olga dot p at example dot com please"
    findings = find_contacts(text)
    (span,) = findings.matches
    assert text[span.start : span.end] == "olga dot p at example dot com"
    assert span.kind == "email"


def test_homoglyph_email_span_points_at_the_original_characters():
    text = "write: s\u0430r\u0430@gm\u0430il.com"
    (span,) = find_contacts(text).matches
    assert text[span.start : span.end] == "s\u0430r\u0430@gm\u0430il.com"


def test_site_after_at_is_a_link_not_an_email():
    findings = find_contacts("I used to work at google.com for years")
    assert findings.emails == ()
    assert findings.urls == ("google.com",)


# --- Phones ----------------------------------------------------------------------------------

PHONES = [
    pytest.param("call me on +44 7700 900 811", None, "+447700900811", id="international"),
    pytest.param("(718) 555-0165 is my cell", None, "+17185550165", id="us-national"),
    pytest.param("my cell is 305.555.0199", None, "+13055550199", id="dots"),
    pytest.param("ph: 0118 496 0789", None, "+441184960789", id="trunk-zero-elsewhere"),
    pytest.param("ring 020 7946 0958", "GB", "+442079460958", id="region-hint"),
    pytest.param("call 0 4 9 1 5 7 0 1 5 8 (AU)", None, "+61491570158", id="spaced-digits"),
    pytest.param(
        "my number is two one two, five five five, zero one three one",
        None,
        "+12125550131",
        id="spelled-out",
    ),
    pytest.param(
        "my ph no. is eight zero zero, five five five, one two one two",
        None,
        "+18005551212",
        id="spelled-out-2",
    ),
    pytest.param("text 555-0126 (area code 503) after 5", None, "+15035550126", id="area-code"),
    pytest.param("my number is 555 0114, it's (917).", None, "+19175550114", id="area-after"),
    pytest.param("wa.me/447700900414", None, "+447700900414", id="whatsapp-link"),
    pytest.param("text me on +49 151 23456789", None, "+4915123456789", id="germany"),
    pytest.param("☎️ 6️⃣4️⃣6️⃣5️⃣5️⃣5️⃣0️⃣1️⃣8️⃣1️⃣", None, "+16465550181", id="keycaps"),
    pytest.param("cell +44 ⭐ 7700 ⭐ 900 ⭐ 742", None, "+447700900742", id="emoji-groups"),
    pytest.param("mob +61 ▪️ 491 ▪️ 570 ▪️ 006", None, "+61491570006", id="shape-groups"),
    pytest.param("ring 7 one 8 - 5 5 5 - oh 1 two 9", None, "+17185550129", id="mixed-words"),
    pytest.param(
        "plus four four seven seven zero zero nine zero zero five five two",
        None,
        "+447700900552",
        id="spoken-plus",
    ),
    pytest.param("viber 0917 555 0166 (PH)", None, "+639175550166", id="local-with-messenger"),
]


@pytest.mark.parametrize(("text", "region", "e164"), PHONES)
def test_phone_is_found_and_written_in_e164(text, region, e164):
    assert find_contacts(text, region_hint=region).phones == (e164,)


# Numbers written nationally without a cue word, UK drama numbers, and letters for digits.
NATIONAL_PHONES = [
    pytest.param("drop me a line at 07700 900318 after six", "+447700900318", id="drama-mobile"),
    pytest.param("07700-900-642 (evenings)", "+447700900642", id="drama-hyphens"),
    pytest.param("best on 07700900275", "+447700900275", id="drama-unbroken"),
    pytest.param("office 01632 960417", "+441632960417", id="drama-landline"),
    pytest.param("07911 204 338 from Monday", "+447911204338", id="uk-mobile-no-cue"),
    pytest.param("Leeds office: 0113 496 0271", "+441134960271", id="uk-landline-no-cue"),
    pytest.param("06 12 48 73 90, Paris", "+33612487390", id="france-no-cue"),
    pytest.param("dial +1 (646) 555-O1O7", "+16465550107", id="letter-o"),
    pytest.param("my cell 3l2 555 0l44", "+13125550144", id="letter-l"),
    pytest.param("message me on 0412 307 855", "+61412307855", id="message-me-cue"),
    pytest.param("hit me up 718 555 0148", "+17185550148", id="hit-me-up"),
    pytest.param(
        "WhatsApp me any time in the evening on 646 555 0177", "+16465550177", id="cue-further"
    ),
    pytest.param("M: 415 555 0163", "+14155550163", id="signature-label"),
    pytest.param("call 0532 418 22 90 (Ankara)", "+905324182290", id="turkey-fallback"),
    pytest.param("(+44) 7700 900 284", "+447700900284", id="bracketed-country-code"),
    pytest.param("0044 7700 900 519", "+447700900519", id="dialled-from-abroad"),
    pytest.param("+44*7700*900*613", "+447700900613", id="asterisk-separators"),
    pytest.param("+52 1 81 2094 6631", "+5218120946631", id="plus-outside-the-plan"),
    pytest.param("0 2 9 - 4 1 7 3 8 8 2 (Sydney)", "+61294173882", id="city-after"),
    pytest.param("(03) 9123 4876 for the Melbourne office", "+61391234876", id="bracketed-area"),
    pytest.param("0100 - 482 - 7719 (Egypt)", "+201004827719", id="spaced-hyphens-country"),
    pytest.param("H/P 019-273 8845", "192738845", id="handphone"),
    pytest.param("06 72 18 40 93, appelez-moi", "+33672184093", id="french-cue"),
    pytest.param("06-38271940 bel me", "638271940", id="dutch-cue"),
    pytest.param(
        "8 (903) 518-42-17 \u043f\u043e\u0437\u0432\u043e\u043d\u0438",
        "9035184217",
        id="russian-cue",
    ),
    pytest.param(
        "\u09a8\u09ae\u09cd\u09ac\u09b0 "
        "\u09e6\u09e7\u09ed\u09e7\u09e9 \u09ea\u09eb\u09ec\u09ed\u09ee\u09ef",
        "+8801713456789",
        id="bengali-digits",
    ),
    pytest.param("08two3 55five 9914 text me", "8235559914", id="words-touching-digits"),
]


@pytest.mark.parametrize(("text", "number"), NATIONAL_PHONES)
def test_national_phone_is_found(text, number):
    """`number` is the E.164 form, or the national digits where several countries fit."""
    (phone,) = find_contacts(text).phones
    assert phone == number if number.startswith("+") else phone.endswith(number)


NOT_PHONES = [
    pytest.param("ISBN 0-306-40615-2 is out of print", id="isbn-leading-zero"),
    pytest.param("order no. 0803 555 0172 was refunded", id="order-leading-zero"),
    pytest.param("tracking number 07911 204 338", id="tracking-leading-zero"),
    pytest.param("ref: 02079460958 on the invoice", id="reference"),
    pytest.param("Our VAT number is GB 284 5190 73", id="vat-number"),
    pytest.param("raise the limit to 10000000 on the telegram bot API", id="round-number"),
    pytest.param("Sprint 0123 - 4567 done", id="short-grouped-code"),
    pytest.param("Order 12345678 (UK) shipped", id="order-with-country"),
    pytest.param("the budget is 1500000 USD, contact me", id="budget-with-cue"),
    pytest.param("contact me about 2500000 views a month", id="count-with-cue"),
    pytest.param("code 0123 4567 89 for the door", id="code-grouped"),
    pytest.param("I 100% agree, lol", id="letters-near-digits"),
    pytest.param("released 01.02.2024, patch 0.12.3", id="date-and-version"),
]


@pytest.mark.parametrize("text", NOT_PHONES)
def test_reference_number_is_not_a_phone(text):
    assert not find_contacts(text).phones


def test_phone_span_covers_the_number_as_written():
    text = "spelled: nine one seven, five five five, zero one two three is my cell"
    findings = find_contacts(text)
    (span,) = [span for span in findings.matches if span.kind == "phone"]
    assert text[span.start : span.end] == "nine one seven, five five five, zero one two three"


# --- Links -----------------------------------------------------------------------------------

URLS = [
    pytest.param("https://files.example.com/s/aa91", "https://files.example.com/s/aa91", id="url"),
    pytest.param("portfolio.example.org/nina", "portfolio.example.org/nina", id="bare-path"),
    pytest.param("my site is janedoe.io", "janedoe.io", id="bare-domain"),
    pytest.param("visit www.my-portfolio.design", "www.my-portfolio.design", id="www"),
    pytest.param("bit.ly/9pQr2z has the samples", "bit.ly/9pQr2z", id="shortener-keeps-case"),
    pytest.param("logo refs: tinyurl(.)com/logo-refs-v2 .", "tinyurl.com/logo-refs-v2", id="(.)"),
    pytest.param("see my work at karim-dev dot test", "karim-dev.test", id="dot-word"),
    pytest.param("hxxps://paypa1-secure[.]com/login", "https://paypa1-secure.com/login", id="hxxp"),
    pytest.param("see http://example.co.uk/work.", "http://example.co.uk/work", id="trailing-dot"),
    pytest.param("our page (example.com/about)", "example.com/about", id="parenthesised"),
    pytest.param("w w w . ora-prints . com", "www.ora-prints.com", id="spaced-www"),
    pytest.param("h t t p s : / / vela-lab . io", "https://vela-lab.io", id="spaced-scheme"),
    pytest.param("shop: quietfern .store", "quietfern.store", id="space-before-dot"),
    pytest.param("reel on youtube. com/watch?v=x1", "youtube.com/watch?v=x1", id="space-after"),
    pytest.param("build at http://203.0.113.77:8080/app", "http://203.0.113.77:8080/app", id="ip"),
    pytest.param("mockups: 198.51.100.12/shots", "198.51.100.12/shots", id="ip-path"),
    pytest.param("W: halden.studio", "halden.studio", id="cue-word-tld"),
    pytest.param("website is mossy.design", "mossy.design", id="cue-is"),
    pytest.param("samples at larch dot studio", "larch.studio", id="disguised-word-tld"),
]


@pytest.mark.parametrize(("text", "url"), URLS)
def test_link_is_found(text, url):
    assert find_contacts(text).urls == (url,)


# --- Handles ---------------------------------------------------------------------------------

HANDLES = [
    pytest.param("add me on skype: mara_translates", ("skype", "mara_translates"), id="skype"),
    pytest.param("skype: live:.cid.4d5e6f7a", ("skype", "live:.cid.4d5e6f7a"), id="skype-live"),
    pytest.param(
        "Kindly add s k y p e: hr.verity.group", ("skype", "hr.verity.group"), id="spaced"
    ),
    pytest.param("t.me/karim_dev", ("telegram", "@karim_dev"), id="t.me"),
    pytest.param("my tg @pixel_maya", ("telegram", "@pixel_maya"), id="tg"),
    pytest.param("tele.gram: @ sergio_3d", ("telegram", "@sergio_3d"), id="split-name"),
    pytest.param("t e l e g r a m: john_d", ("telegram", "@john_d"), id="spaced-name"),
    pytest.param(
        "calls on T\u0435l\u0435gr\u0430m — @pm_rachel", ("telegram", "@pm_rachel"), id="cy"
    ),
    pytest.param("on te1egram: @joy_tasks", ("telegram", "@joy_tasks"), id="leetspeak"),
    pytest.param(
        "my coordinator on telegram will give u the tasks: @daily_tasks_joy",
        ("telegram", "@daily_tasks_joy"),
        id="handle-later-in-sentence",
    ),
    pytest.param("discord: fox#2048", ("discord", "fox#2048"), id="discord-tag"),
    pytest.param("my discord is @sunny_dev", ("discord", "@sunny_dev"), id="discord-at"),
    pytest.param("discord.gg/abcd123", ("discord", "abcd123"), id="discord-invite"),
    pytest.param("WA: +44 7700 900 277 (texts only)", ("whatsapp", "+447700900277"), id="wa"),
    pytest.param("signal +1 (415) 555-0152", ("signal", "+14155550152"), id="signal-phone"),
    pytest.param("add me on wechat: lily_88", ("wechat", "lily_88"), id="wechat"),
    pytest.param("my insta is @jane.designs", ("instagram", "@jane.designs"), id="instagram"),
    pytest.param("line id: jane_88", ("line", "jane_88"), id="line"),
    pytest.param("skype id l e o _ v f x", ("skype", "leo_vfx"), id="spaced-underscore"),
    pytest.param("ping me on telegarm @ rosa.ux", ("telegram", "@rosa.ux"), id="misspelt"),
    pytest.param("whatsap: @nadia_k", ("whatsapp", "@nadia_k"), id="misspelt-2"),
    pytest.param("Threema ID: 7HQ2M9XA", ("threema", "7hq2m9xa"), id="threema"),
    pytest.param("signal username: omar.71", ("signal", "omar.71"), id="signal-username"),
    pytest.param("add me on LINE @kumo_art", ("line", "@kumo_art"), id="line-offered"),
    pytest.param("find me on line, id is sora_k", ("line", "sora_k"), id="line-id-is"),
    pytest.param("add me on Skype, username is vik.audio", ("skype", "vik.audio"), id="comma"),
    pytest.param("wapp 0803 555 0172 (NG)", ("whatsapp", "+2348035550172"), id="wapp-local"),
    pytest.param(
        "can we switch to Signal? my number is +44 7700 900 318",
        ("signal", "+447700900318"),
        id="move-to-signal",
    ),
    pytest.param("tg: pixelmaya", ("telegram", "@pixelmaya"), id="label-tg"),
    pytest.param("dc: sunny_dev", ("discord", "sunny_dev"), id="label-dc"),
    pytest.param("sc: jane_snaps", ("snapchat", "jane_snaps"), id="label-sc"),
    pytest.param("ig: marlowe, wa: +44 7700 900 512", ("instagram", "marlowe"), id="label-ig"),
    pytest.param("add me on telegram jonah", ("telegram", "@jonah"), id="offered-plain"),
    pytest.param("find me on Discord: quillfox", ("discord", "quillfox"), id="offered-colon"),
    pytest.param(
        "my whatsapp number is 07700 900 731", ("whatsapp", "+447700900731"), id="wa-number-is"
    ),
    pytest.param("instagram.com/lena.prints", ("instagram", "lena.prints"), id="instagram-link"),
    pytest.param("t . me / arlo_builds", ("telegram", "@arlo_builds"), id="spaced-t.me"),
    pytest.param("\u5fae\u4fe1\u53f7: chen_li92", ("wechat", "chen_li92"), id="wechat-chinese"),
    pytest.param("insta mara_ink, DM me", ("instagram", "mara_ink"), id="bare-label"),
    pytest.param("disc: pixel_wren", ("discord", "pixel_wren"), id="disc"),
    pytest.param("I'm on signal as kai.09 if that works", ("signal", "kai.09"), id="as"),
    pytest.param("LINE @nori_design", ("line", "@nori_design"), id="line-capitals"),
    pytest.param("slack handle: @tess.w", ("slack", "@tess.w"), id="slack-handle"),
    pytest.param("iMessage is easiest → 646.555.0139", ("imessage", "+16465550139"), id="imessage"),
    pytest.param("the green app 👉 +44 7700 900 862", ("whatsapp", "+447700900862"), id="green"),
    pytest.param(
        "+55 21 98765-4321 é meu zap", ("whatsapp", "+5521987654321"), id="number-before-name"
    ),
    pytest.param("telegram 👉 odin_makes", ("telegram", "@odin_makes"), id="pointing-hand"),
    pytest.param("telegram (rue_sketch)", ("telegram", "@rue_sketch"), id="bracketed"),
    pytest.param("kakaotalk id: minji_k", ("kakaotalk", "minji_k"), id="kakaotalk"),
]


@pytest.mark.parametrize(("text", "handle"), HANDLES)
def test_messenger_handle_is_found(text, handle):
    assert handle in find_contacts(text).handles


def test_whatsapp_link_is_a_link_a_phone_and_a_handle():
    findings = find_contacts("wa.me/447700900414")
    assert findings.urls == ("wa.me/447700900414",)
    assert findings.phones == ("+447700900414",)
    assert findings.handles == (("whatsapp", "+447700900414"),)


def test_telegram_invite_link_names_the_group_not_an_account():
    assert find_contacts("https://t.me/+AbCdEf123").handles == (("telegram", "t.me/+AbCdEf123"),)


def test_disguised_messenger_names_are_written_plainly():
    assert name_messengers("details on T·e·l·e·g·r·a·m or wh@ts app") == (
        "details on telegram or whatsapp"
    )


# --- Hard negatives --------------------------------------------------------------------------

CLEAN = [
    # Prices, percentages and measures.
    pytest.param("Total is $2,980.00 after the 10% discount", id="price"),
    pytest.param("8 blog posts x 1,200 words, $0.10 per word", id="rate"),
    pytest.param("price is USD 1,250.00 per month", id="price-2"),
    pytest.param("Bounce rate is 41.7%, down from 48.2%", id="percentages"),
    pytest.param("the ratio is 16:9 at 1920x1080", id="resolution"),
    # Dates and times.
    pytest.param("Sprint ends 2026-12-04, demo on 12/05/2026 at 10:00", id="dates"),
    pytest.param("Let's meet at 8.45am on Monday", id="time"),
    pytest.param("the deadline is 12.05.2026", id="dotted-date"),
    pytest.param("Meeting at 3pm, call starts at 15:30", id="call-at-time"),
    # Versions, builds and identifiers.
    pytest.param("Upgrade React from 18.2.0 to 18.3.1 please", id="versions"),
    pytest.param("OS build 22631.3296, GPU driver 537.58", id="build-numbers"),
    pytest.param("v1.2.3-beta.4", id="semver"),
    pytest.param("Order number 3318-2290-45 needs a reissued invoice", id="order-number"),
    pytest.param("order #A-99812-7734 shipped", id="order-code"),
    pytest.param("tracking 1Z999AA10123456784", id="tracking"),
    pytest.param("ISBN 978-3-16-148410-0", id="isbn"),
    pytest.param("invoice #4521 is overdue", id="invoice-number"),
    # File names and paths.
    pytest.param("Check main.py and settings.py, the bug is in main.py line 88", id="python"),
    pytest.param("Upload the final files as brand_kit_v3.zip and guidelines.pdf", id="files"),
    pytest.param("the file is final_v2.psd and logo.ai", id="design-files"),
    pytest.param("the spec is in README.md and CHANGELOG.md", id="markdown"),
    pytest.param("the path is src/components/Header/index.tsx", id="path"),
    # Code.
    pytest.param("use @keyframes for the spinner animation instead of JS", id="css-at-rule"),
    pytest.param("@media (max-width: 600px) { .nav { display:none } }", id="media-query"),
    pytest.param("Add @Deprecated to the old method", id="annotation"),
    pytest.param("decorate the view with @login_required", id="decorator"),
    pytest.param("The template uses {{ user.email }} in the footer", id="template-member"),
    pytest.param("Use console.log(user.email) to debug", id="method-call"),
    pytest.param("we rewrote it in ASP.NET last year", id="framework-name"),
    # Colours.
    pytest.param("Hex for the buttons is #0f62fe", id="hex-colour"),
    pytest.param("colour #FF5733 and #333", id="hex-colours"),
    # Prose that looks like addresses.
    pytest.param("I love this song for two reasons: 1.it is about Africa", id="numbered-list"),
    pytest.param("I don know account details..i will send you.my mom is out", id="run-on"),
    pytest.param("Sambar is my favourite dish.Life is good", id="missing-space"),
    pytest.param("I'm at the office, see you at 5", id="at-word"),
    # Messengers named without an account.
    pytest.param("we need a Discord + Telegram bot for our store", id="messenger-product"),
    pytest.param("my discord username is in my profile", id="messenger-no-handle"),
    pytest.param("the signal processing module is slow", id="signal-word"),
    pytest.param("phone screen interviews start Monday", id="phone-word"),
    # IP-like numbers that are versions or networks, and local addresses.
    pytest.param("Firmware 3.10.2.8 is required", id="four-part-version"),
    pytest.param("SDK 2.4.6.1 deprecated the old call", id="four-part-version-2"),
    pytest.param("allow 10.0.0.0/8 and 172.16.0.0/12 in the firewall", id="private-networks"),
    pytest.param("it runs on http://127.0.0.1:5000/admin locally", id="loopback"),
    pytest.param("the whitelist has 203.0.113.0/24", id="cidr"),
    # Spelled-out dots and at that are prose.
    pytest.param("a history of the dot com crash", id="dot-com-era"),
    pytest.param("it was a dot com era idea", id="dot-com-2"),
    pytest.param("Say \u2018at\u2019 and \u2018dot\u2019 in the voice-over", id="quoted-words"),
    pytest.param("the draft is done . next is the review", id="spaced-full-stop"),
    pytest.param("Loosu go to hospital. De dont let it careless.", id="sentence-dot"),
    # Bullets and emoji between words or numbers that are lists.
    pytest.param("Brand · Web · Dev", id="bullet-list"),
    pytest.param("Plan • Design • Build • Ship", id="bullet-list-2"),
    pytest.param("Scores 94 🔹 88 🔹 91 🔹 79", id="emoji-between-numbers"),
    pytest.param("press 1️⃣ for sales, 2️⃣ for support", id="keycap-menu"),
    # Messenger names that are words, misspellings that are words.
    pytest.param("my telegram is blocked at work, so let's keep it here", id="telegram-state"),
    pytest.param("whatsapp is down again", id="whatsapp-state"),
    pytest.param("line @media (min-width: 900px) overrides it", id="line-css"),
    pytest.param("I'm on line 42 of the spec", id="line-number"),
    pytest.param("in line with the guide, margins are 24px", id="in-line"),
    pytest.param("discard the old drafts", id="discard"),
    pytest.param("Telegraf ships the metrics to Influx", id="telegraf"),
    pytest.param("the signal @ 2.4 GHz drops", id="signal-at"),
    pytest.param("tg: great", id="label-word"),
    pytest.param("DC: Washington", id="label-place"),
    pytest.param("ig: 12k followers", id="label-count"),
    pytest.param("snap: looks good", id="label-sentence"),
    pytest.param("add me on telegram later", id="offered-later"),
    pytest.param("@media screen, not the telegram layout", id="at-rule-near-messenger"),
    pytest.param("MEDIA LINE @nofollow", id="line-in-capital-text"),
    pytest.param("zap the old cache before deploying", id="zap-word"),
    pytest.param("the green app icon needs a new gradient", id="green-app-design"),
    pytest.param("we use slack for everything", id="slack-word"),
    pytest.param("build an iMessage sticker pack", id="imessage-topic"),
    pytest.param("disc: 2 TB SSD", id="disc-word"),
    # Webmail names without a user name.
    pytest.param("my gmail is full this week", id="gmail-state"),
    pytest.param("Outlook: positive, growth 4.5%", id="outlook-word"),
    pytest.param("my yahoo account was hacked", id="yahoo-account"),
    pytest.param("reject input like user at domain dot com", id="placeholder-address"),
    pytest.param("my portfolio is at gmail? no, on Behance", id="webmail-word"),
    # Products named by their domain, and cue words without a link.
    pytest.param("leave notes on the Frame.io project", id="product-domain"),
    pytest.param("we plan sprints in Monday.com", id="product-domain-2"),
    pytest.param("my site is down for maintenance", id="site-word"),
    # Number words that are no phone.
    pytest.param("one, two, three, four, five, six, seven tips for logos", id="counting"),
]


@pytest.mark.parametrize("text", CLEAN)
def test_hard_negative_has_no_contact_details(text):
    findings = find_contacts(text)
    assert not findings, findings


def test_messenger_named_without_an_account_is_still_reported_as_named():
    assert find_contacts("Details on T·e·l·e·g·r·a·m if you're curious").networks == ("telegram",)


def test_findings_as_dict_has_the_contract_shape():
    findings = find_contacts("telegram @ivy_c or email ivy.c at example dot net")
    assert findings.as_dict() == {
        "emails": ["ivy.c@example.net"],
        "phones": [],
        "urls": [],
        "handles": [{"network": "telegram", "value": "@ivy_c"}],
    }


def test_empty_text_has_no_findings():
    assert find_contacts("") == ContactFindings()


def test_long_adversarial_text_is_handled_in_linear_time():
    import time

    for text in ("a . " * 3000, "@a " * 3000, "1 " * 5000, "a." * 5000):
        started = time.perf_counter()
        find_contacts(text)
        assert time.perf_counter() - started < 1.0


HOSTILE = [
    "w w w . " * 700,
    "a · " * 1250,
    "x , at y.com " * 400,
    "gmail: " * 700,
    "add me on line " * 350,
    "telegrm " * 600,
    "1.1.1.1/" * 600,
    "192.0.2.1:80" * 400,
    "plus one oh " * 450,
    "3\ufe0f\u20e3" * 1600,
    "1 🔹 " * 1200,
    '"at" "dot" ' * 450,
    "h t t p s : / / " * 300,
    "contract signed, invite me as viewer to the board " * 100,
    "zap 0803 771 4420 " * 300,
    "".join(
        f"call 0{n % 900 + 100} {n * 7 % 900 + 100} {n * 13 % 9000 + 1000} " for n in range(300)
    ),
    "0044 7700 " * 500,
    "09one7 " * 700,
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_5000_characters_are_analysed_quickly(text):
    import time

    text = text[:5000]
    started = time.perf_counter()
    contact_purpose(text, find_contacts(text))
    assert time.perf_counter() - started < 0.5


# --- Purpose ---------------------------------------------------------------------------------

SCOPING = [
    "I've invited you to our GA4 property at anna@example.com so you can scope the audit",
    "Hey, I've added you as a viewer on Figma using priya.k@example.com — have a look and quote",
    "Share repo access with dev.tom@example.org and I'll estimate the refactor",
    "Trello invite please: va.sofia@example.net, I'll go through the board and send a quote.",
    "Thanks for accepting the contract! I've shared the Dropbox folder to liam.edits@example.net",
    "For the Search Console invite use seo.max@example.com, view access is fine for the audit",
    "Contract accepted. The footage lives on frame.io/p/abc — use it for episode 1",
]


@pytest.mark.parametrize("text", SCOPING)
def test_access_invite_for_the_work_is_scoping(text):
    assert contact_purpose(text, find_contacts(text)) == "scoping"


NOT_SCOPING = [
    pytest.param("my email: lucy.h@example.com", id="plain-email"),
    pytest.param("email me direct, jack@shipfast.test, we'll cut out the fees", id="fee-evasion"),
    pytest.param("Figma invite please: ana@example.com, or WhatsApp +1 212 555 0101", id="phone"),
    pytest.param("Invite me on Figma, telegram @ana_ux for questions", id="messenger"),
    pytest.param("Add him: kline.staffing@example.org for the interview", id="interview"),
    pytest.param("I shared the PDF on intranet-files.test/wf — log in to view", id="foreign-link"),
    pytest.param("Let's review the Figma board next week", id="no-contact-details"),
]


@pytest.mark.parametrize("text", NOT_SCOPING)
def test_contact_details_without_an_allowed_purpose_are_not_scoping(text):
    assert contact_purpose(text, find_contacts(text)) is None
