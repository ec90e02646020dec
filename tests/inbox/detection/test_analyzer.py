"""Tests of the whole analysis: the §6 answer, behaviour on marketplace messages, and speed."""

from __future__ import annotations

import statistics
import time

import pytest

from inbox.detection.analyzer import analyze
from inbox.detection.scoring import shipped_combiner

# Marketplace messages written for these tests, not taken from the training data: scams (S) of
# every kind in new words, and legitimate client messages (L) that mention money, messengers,
# links, documents and urgency innocently. A continuation line starts with two spaces.
MARKETPLACE = """
S|Hello, I came across your profile and I'm impressed. Before we proceed, please contact my
  assistant on WhatsApp +1 (646) 555-0199 for the interview.
S|Hi dear, we are a staffing agency. Our recruiter will interview you via Telegram. Add
  @hr_lisa_talent to continue.
S|Congratulations! You have been selected for the data entry role. To activate your account, pay a
  $35 onboarding fee via Cash App.
S|Hi, we will send you a cheque of $3,400. Deposit it and send $2,900 to our vendor for your work
  laptop. Keep the remaining as your first week pay.
S|Hello, for tax compliance we need your SSN and a photo of your ID card front and back before the
  first payment.
S|Please verify your identity by sending your online banking login so our accountant can add you to
  payroll.
S|Earn $200/day by liking YouTube videos! $5 per like, paid daily. Message me to start.
S|Your task account has a negative balance. Recharge your account with 80 USDT to unlock the next
  set of orders and withdraw your commission.
S|Hi, I run an investment club for freelancers. We trade forex with a bot that makes 3% daily.
  Minimum deposit $250.
S|Our client pays in Bitcoin only. Please send your BTC wallet address so we can release your
  milestone.
S|Urgent: your payout is on hold. Verify your account at upw0rk-payouts.com/verify within 12 hours.
S|Download the project brief here: bit.ly/3Kq9ZzP and log in with your email password to view it.
S|Good day, we are hiring remote assistants, $900 weekly, no experience needed, flexible hours.
  Reply YES to apply.
S|hi can u text me on my cell 415 555 0143? this site takes too much commission, i'll pay you
  directly via zelle
S|Hello, I'd love to hire you but let's move this to email to avoid the platform fees: mark.hires
  (at) gmail (dot) com
S|We are looking for product testers. You will receive items, then re-ship them to our warehouse
  using prepaid labels. $40 per package.
S|Please purchase the required software license ($120) from our partner site and send us the
  receipt; we'll reimburse you with your first paycheck.
S|I'm with an app marketing agency. Your task is to download apps and leave 5-star reviews, $2 per
  review, paid to your wallet every evening.
L|Hi! I'd like to invite you to our Figma workspace so you can review the mockups before quoting.
  What's your email?
L|Hey, I've added you as a viewer on our Google Analytics property using priya.k@example.com —
  please take a look and estimate the audit.
L|Thanks for accepting the contract! I've shared the Dropbox folder with the raw footage to
  liam.edits@example.net.
L|Hi, can you quote for a Shopify store redesign? Budget around $3,000, we'd like to launch by
  March.
L|Hello, we pay $0.08 per word for blog posts, 4 posts a month. Interested?
L|Quick reminder: the milestone for the landing page is funded, you can start whenever you're
  ready.
L|Hi, we need a payment integration (Stripe + PayPal) for our Django app. Can you estimate the
  hours?
L|Hey, could you send the invoice for the extra revisions? $250 as agreed.
L|Hi, I need someone to translate our crypto exchange's help center into Spanish, about 15k words.
L|Hello, our repo is on GitHub, I'll give you read access so you can scope the migration. Send me
  your GitHub username.
L|Hi, I loved your portfolio! We're a small bakery and need a new logo and menu design. Can we chat
  here about the details?
L|Can you fix the bug where the password reset email isn't sent? It's urgent, customers are locked
  out.
L|Hey, the client approved the final designs 🎉 Please upload the source files (.ai and .psd) to the
  project.
L|Hi, we're building a Telegram bot for restaurant bookings, Python, budget $800. Are you available
  this week?
L|Good morning! Could you review our WordPress site speed? We'd give you admin access on the
  staging site to audit it.
L|Hi, do you offer a discount for long-term projects? We have about 20 hours of work per month.
L|Hello, I need a voiceover for a 60-second explainer video. Script attached. What's your
  turnaround time?
L|Hi, please call me tomorrow at 10am through the platform's call feature to discuss the scope.
L|Thanks! Payment for milestone 2 has been released. Looking forward to the next phase.
L|Hi, we're a fintech startup looking for a UX writer for our savings app onboarding. 2-3 weeks,
  $2,500 fixed.
L|my email: sam.lee@example.com
L|WA: +44 7700 900 123
L|add me on skype: design_by_ana
L|Here is our current site: www.greenleaf-bakery.com — we want something more modern.
L|The brand guide is at https://drive.google.com/file/d/1AbC/view — let me know if you can't open
  it.
L|Hi, our app needs passport photo upload with face detection. Can you build the verification
  screen?
L|We need a landing page for our Bitcoin ATM network, 5 sections, copy provided.
L|Please send the invoice by end of day so finance can pay you the same day.
L|Hi, we'd like to pay a deposit of 30% upfront for the project and the rest on delivery — through
  the platform's milestones of course.
L|Can you integrate WhatsApp Business API notifications into our order system?
L|Hi, I'm the HR manager at a 40-person agency; we need an onboarding handbook designed, 25 pages.
L|Could you write 10 product reviews for our own website's blog? $40 per article.
L|hey, the Figma link is figma.com/file/abc123 - can you take a look and quote?
L|Thanks for the call! As discussed, I'll send the contract today. Budget is $4,000 for phase 1.
L|Hi! Could you check out our current logo and tell us if a refresh makes sense?
L|Hello, I saw your Upwork-style profile elsewhere; we need an Excel macro that merges 12 sheets.
L|Dear freelancer, thank you for your proposal. We'd like to schedule a short video interview on
  Zoom next week.
L|hi, is the $150 per hour rate negotiable for a 3 month contract?
S|Hey there! Check out my new channel for free gift cards giveaways youtube.com/c/freegiftz
S|WINNER!! You have been chosen to receive a $1000 Walmart gift card. Click here to claim:
  walmart-rewards.test/claim
S|Hi, I'm recruiting for Amazon remote jobs, earn $500 per day from home. Contact HR on telegram
  @amazon_hr_desk
S|Hello, we have reviewed your profile. Interview will be conducted on Signal. Kindly text +1 202
  555 0177 with your full name.
S|Your freelancer account will be suspended. Confirm your payment details here:
  freelancer-verify-center.test within 24 hours
S|Hi, before I can fund the milestone I need you to verify you're real: send me a selfie holding
  your ID.
S|Make $3000 weekly working from home! No experience needed! Limited spots, DM me now!!!
S|we are looking for people to like & follow instagram accounts, 0.50$ per follow, payment every
  day via paypal
S|My uncle is a trader, he gives 20% weekly returns on USDT deposits. I made $8,000 last month,
  want in?
S|hi, pls contact me on whatsapp to discuss the job as my account here has limited access:
  wa.me/12025550188
S|Greetings! Your application for the virtual assistant position was successful. Please get in
  touch with our HR officer, Mrs. Grant, on Telegram: @grant_hr_office
S|hello sir, i have big project for you but i cant share files here. send me your whatsapp number
  please
S|We will mail you a check to purchase your home office equipment from our approved vendor. After
  it clears, pay the vendor and keep $300 for your time.
S|To receive your first payment you need to register on our payment portal and pay a one-time
  verification charge of $49.
S|Hi, our compliance team needs scans of your passport and your bank card (front and back) to set
  up direct deposit.
S|Dear applicant, you have passed our screening. The salary is $4,500 per month, no experience
  required. Kindly reply with your full name and address.
S|Hey! Want to earn extra income? I just need you to rate hotels on our platform, each rating pays
  $1.20. Complete 40 ratings to unlock your bonus.
S|My mentor showed me a crypto arbitrage platform, guaranteed 5% profit per day. You can start with
  as little as 100 USDT.
S|Please review the contract on our document portal: docusign-contract-review.test/doc/8812 and
  sign in with your email account.
S|Your Upwork payment of $750 is pending. Claim it at upwork-payments-release.test before it
  expires.
S|hi dear, you seem nice. do you have snapchat or instagram? mine is @bella_xo_22, add me
S|We're hiring package inspectors: receive parcels at home, inspect them and forward the packages
  to our clients abroad. $35 per parcel.
S|Join our Telegram group for daily paid tasks, earn up to $300 a day from your phone:
  t.me/+TaskGroupJoin
S|Before you begin, you must buy the starter kit ($89) from our partner store. The cost will be
  refunded with your first salary.
S|Need quick cash? Our investment pool doubles your money in 7 days. Send BTC to our wallet and
  watch it grow.
L|Hi! We're a small nonprofit and need a volunteer signup form in Google Forms with email
  confirmations. Budget $200.
L|Hi, I run a Telegram channel about photography and need 30 post graphics per month. Can you do
  that?
L|Hello, we need a penetration test of our login page; you'll get a test account, no real passwords
  involved.
L|Thanks for the great work on milestone 1! I've approved it and funded milestone 2.
L|Hi, could you add a "pay with Venmo" option to our checkout page? We use Braintree.
L|Hello, we need someone to moderate comments on our YouTube channel for 2 hours a day. $15/hour,
  long term.
L|Hey, I'll be traveling next week so replies may be slow. Feel free to continue with the second
  draft.
L|Hi, I'm looking for a tax accountant to review my 2024 US return (single, W-2 + some freelance
  income). Fixed price?
L|Hi! Can you build a simple Chrome extension that saves highlighted text to Notion? We'd share the
  API keys through the platform's file upload.
L|Hi, I'm the marketing lead at a crypto wallet company. We need 12 blog articles on self-custody
  best practices.
L|Hi, can you design an invitation card for my daughter's wedding? Print-ready PDF, 5x7.
L|Good afternoon, we'd like to check your availability for a 6-month React Native contract, 30
  hrs/week.
L|Hello! Please see the attached brief. If anything is unclear, just ask here and I'll reply within
  a day.
L|Hey, the payment for the extra hours went through. Let me know when the invoice for March is
  ready.
L|Hi, we need a bilingual (EN/ES) customer support agent for our Shopify store, 20 hours a week,
  $18/hour.
S|Hello, I represent a logistics company. We need a remote payment processor: you receive client
  payments to your bank account and forward them minus 10% commission.
S|Hi, I'm offering you the QA tester role. Equipment will be delivered after you pay the $120
  shipping insurance through our logistics partner.
S|Our HR would like to continue the recruitment on WhatsApp. Please text +1 213 555 0174 and
  mention job code RX-22.
S|Quick job: follow 50 TikTok accounts and comment on their videos, $0.40 for each follow. Paid
  daily in USDT.
S|Dear freelancer, you are eligible for a $500 loyalty bonus. Log in at fiverr-bonus-center.test
  with your account details to claim.
S|I need your date of birth, home address and your bank routing number to set up the payroll before
  the interview.
S|Hi, let's talk on Telegram, I don't use this site much. My username is @kevin_proj_mgr
S|You've been pre-approved for our remote typing job! $650/week, no experience, start today. Reply
  YES now!
S|Join my staking pool on Binance Smart Chain, 2.5% daily rewards, withdraw anytime. DM me for the
  link.
S|hi, before we start, please pay the $60 training material fee to my colleague via gift card, then
  I will release the project.
S|Hi Maria, I loved your portfolio. I'd like to continue our discussion over email since the
  platform messaging is unreliable: recruiter.kate (at) gmail (dot) com
S|Congratulations, you won our freelancer of the month prize! Click bit.ly/fotm-prize and enter
  your card number to receive the $1000.
L|Hi, can you estimate the cost of migrating our WordPress blog (300 posts) to Webflow? We'd like
  to keep all URLs.
L|Hey, we've got a tight deadline: the deck needs to be ready by Friday 5pm. Are you able to
  commit?
L|Hello, we need an illustrator for a children's book, 24 pages, watercolor style. Budget
  $2,000-2,500.
L|Hi! I've invited you to our Asana workspace at your platform email so you can see the task list
  before quoting.
L|Hi, my team uses Slack for internal stuff, but we'll keep everything with you here on the
  platform. Can you start Monday?
L|Good evening, I need a data analyst to clean a 50k-row sales CSV and build a Power BI dashboard.
  Fixed price or hourly?
L|Hi, could you record a 30-second voicemail greeting for our dental clinic? Friendly female voice,
  US accent.
L|Hello, we're a payments startup and need a security review of our PCI compliance documentation.
L|Hi, I'd like to hire you again for the same kind of product photos, 40 items this time. Same rate
  as before?
L|Hey, please don't share the client's brand assets outside the project folder, they're under NDA.
  Thanks!
L|Hi, could you build a WhatsApp chatbot for our pizza shop's orders using Twilio?
L|Hello, I noticed a typo on page 3 of the report, could you fix it and re-upload? No rush.
S|Hi there, we process refunds for an online store and need an agent to handle customer transfers
  from home. You keep 8% of every transfer.
S|Good news! You're hired. To get your company laptop, first send $200 for the courier via Zelle;
  it's reimbursed on payday.
S|kindly provide your full name, mobile number and a copy of your national ID for the background
  check
S|Hello, we want you to test our new trading app. Just deposit $100 of your own to activate the
  tester account, you'll earn 30% on it weekly.
S|hey hun, I'm not really on here much, hit me up on kik: sweet_tina93
S|Earn up to $50 a day by watching short videos and giving them a thumbs up. Each like = $0.50.
  Message our agent to start.
S|Your profile was chosen for an urgent translation job paying $80/hour. Contact the project lead
  on Skype (live:.cid.9f8e7d) to start immediately.
S|This is the Trust & Safety team. We detected unusual activity. Reset your password here to avoid
  suspension: secure-account-check.test/reset
S|Hi, I'd like to purchase your gig but the site won't accept my card. Can I pay you through
  Western Union instead?
S|please download the job description from d0cs-share.test/jd.exe and run it to see the full
  details
L|Hi, could you write the onboarding emails for our SaaS? 6 emails, friendly tone. We can pay half
  upfront as a milestone.
L|Hey, I'm sending the signed NDA through the platform now. Once you've reviewed it, we can start.
L|Hello, we're looking for a Shopify developer to add a gift card feature to our store. About 15
  hours.
L|Hi, we need product descriptions for 120 skincare items, SEO-friendly. $5 per description, is
  that ok?
L|Hi! We'd love a 2-minute animated explainer for our budgeting app. Do you have samples?
L|Good morning, the client asked for the logo files in SVG and PNG, transparent background. Could
  you send them today?
L|Hi, could you audit our Google Ads account? I'll give you read-only access to the ad account once
  you accept the offer.
L|Hello, I'm a PhD student and need help formatting my thesis in LaTeX, about 180 pages.
L|Hey, can you extend the contract by 10 hours? The client added two more landing pages.
L|Hi, do you also do Instagram content calendars? We need one for November, 3 posts a week.
L|Hi, we are a recruiting firm and need a designer for our careers page, 4 sections. Budget $900.
L|Hi, we'd like to offer a bonus if the site launches before Black Friday. Can you make it work?
S|Hello! Our firm is expanding and we'd like you to act as our regional bookkeeper. You'll receive
  checks from our customers, cash them, and wire the proceeds to our head office.
S|Hi, can we move the conversation to Viber? I'll send the job details there. My number: +380 50
  555 0143
S|Welcome aboard! Please complete onboarding by purchasing the mandatory $75 background screening
  through our vendor link.
S|We noticed your wallet qualifies for an airdrop of 500 tokens. Connect your wallet at
  claim-airdrop-rewards.test to receive them.
S|Earn $25 per completed survey from home! Spots are limited, sign up today.
S|For security reasons, please reply with the 6-digit code we just sent to your phone.
S|Hi, I'm a hiring manager at a big tech firm. We'll conduct the interview via Google Chat text.
  Add recruiter.amy.hr@example.com there.
S|Hey, need help with a small task: buy 5 Google Play cards of $100 each and send me the codes,
  I'll pay you back $600 tonight.
S|Pay 0.05 ETH gas fee to unlock your withdrawal of 1,200 USDT from the task platform.
S|Hi, I saw you're good at design. I'm giving away a free MacBook to freelancers, just pay the
  shipping fee of $29.
S|hey, this site charges too much, let's do the job off platform and i'll pay you in crypto
S|Rate 20 restaurants on our app today and get $2 for every rating. Your earnings are credited to
  your account balance.
L|Hi, our Stripe dashboard shows failed payouts; can you debug our webhook handler? Read-only
  access can be arranged after you accept.
L|Hello, I'm organizing a charity run and need a poster and a registration page. Volunteers
  welcome, but we can pay $300.
L|Hi, we'd like a Telegram mini app prototype for our loyalty program. Do you have experience with
  the Bot API?
L|Hey, thanks for the quick turnaround. The client wants one more revision on the color palette, no
  rush.
L|Hello, could you translate our privacy policy (GDPR) into German? About 3,000 words.
L|Hi, we need someone to set up two-factor authentication (TOTP) for our Django admin.
L|Hi! We're a small coffee roaster; we need product photos for 12 bags on a white background.
L|Hello, the milestone is funded. Please upload the first draft by next Wednesday.
L|Hi, I'm looking for a copywriter for our bank's mobile app release notes. Ongoing, a few hours a
  month.
L|Hey, can you check whether our checkout supports Apple Pay and Google Pay correctly?
L|Hi, we'd need an NDA signed before sharing the specs; I'll send it through the platform's
  contract tools.
L|Good day, I'd like to commission a portrait illustration from a photo of my dog. What's your
  price?
"""


def _marketplace() -> list[tuple[bool, str]]:
    messages: list[tuple[bool, str]] = []
    for line in MARKETPLACE.strip().splitlines():
        if line.startswith("  "):
            spam, text = messages[-1]
            messages[-1] = (spam, f"{text} {line.strip()}")
        else:
            kind, text = line.split("|", 1)
            messages.append((kind == "S", text))
    return messages


# --- The contract's answer -------------------------------------------------------------------


def test_answer_has_exactly_the_contract_shape_plus_matches():
    answer = analyze("Figma email: ux.omar@example.org — invite me and I'll quote").as_dict()
    assert set(answer) == {
        "contact",
        "contact_purpose",
        "spam",
        "offplatform_payment",
        "matches",
        "model_version",
    }
    assert isinstance(answer["offplatform_payment"], bool)
    assert set(answer["contact"]) == {"emails", "phones", "urls", "handles"}
    assert set(answer["spam"]) == {"label", "score", "signals"}
    assert answer["contact"]["emails"] == ["ux.omar@example.org"]
    assert answer["contact_purpose"] == "scoping"
    assert answer["spam"]["label"] == "ok"
    assert isinstance(answer["spam"]["score"], float)
    assert 0.0 <= answer["spam"]["score"] <= 1.0
    assert answer["matches"] == [{"start": 13, "end": 32, "kind": "email"}]


def test_answer_lists_handles_as_network_and_value():
    answer = analyze("telegram @anna_dev, or call +1 212 555 0134").as_dict()
    assert answer["contact"]["handles"] == [{"network": "telegram", "value": "@anna_dev"}]
    assert answer["contact"]["phones"] == ["+12125550134"]
    assert answer["contact_purpose"] is None


def test_matches_point_at_the_original_text():
    text = "ping me: b\u0435n[at]ex\u0430mple[dot]org or t.me/ben_dev"
    answer = analyze(text).as_dict()
    written = [text[match["start"] : match["end"]] for match in answer["matches"]]
    assert "b\u0435n[at]ex\u0430mple[dot]org" in written
    assert "t.me/ben_dev" in written


def test_empty_text_is_ok_with_nothing_found():
    answer = analyze("").as_dict()
    assert answer["contact"] == {"emails": [], "phones": [], "urls": [], "handles": []}
    assert answer["spam"]["label"] == "ok"


# --- Behaviour -------------------------------------------------------------------------------


def test_email_shared_for_an_access_invite_is_scoping_and_never_counts():
    analysis = analyze(
        "Jira guest invite → qa.tom [at] example [dot] com, I'll estimate after looking at the "
        "epics",
        new_sender=True,
    )
    assert analysis.contact_purpose == "scoping"
    assert analysis.spam.label == "ok"
    assert "offsite_move" not in analysis.spam.signals


@pytest.mark.parametrize(
    "text",
    [
        "my email: lucy.h@example.com",
        "WA: +44 7700 900 277 (texts only pls)",
        "add me on skype: mara_translates",
        "bit.ly/9pQr2z has the samples",
        "https://vimeo.com/107297364",
        "t.me/karim_dev",
    ],
)
def test_contact_details_alone_never_make_spam(text):
    analysis = analyze(text, new_sender=True)
    assert analysis.contact
    assert analysis.spam.label == "ok"
    assert analysis.spam.score < shipped_combiner().threshold


def test_scam_is_labelled_scam_with_its_signals():
    analysis = analyze(
        "Hi, transcription files are released through our portal. New accounts hold a $30 "
        "security deposit (Apple gift card or USDT). Message me on t\u0435l\u0435gr\u0430m "
        "@files_desk"
    )
    assert analysis.spam.label == "scam"
    assert {"money_upfront", "offsite_move"} <= set(analysis.spam.signals)
    assert analysis.spam.score > 0.9


def test_advertising_without_scam_mechanics_is_spam():
    analysis = analyze("WINNER!! Claim your FREE prize now, reply STOP to opt out")
    assert analysis.spam.label == "spam"


def test_context_facts_are_reported_and_raise_the_score():
    text = "Hi, are you free for a quick chat about a logo?"
    plain = analyze(text)
    flagged = analyze(text, new_sender=True, campaign=True)
    assert flagged.spam.signals[-2:] == ["new_sender", "campaign"]
    assert flagged.spam.score > plain.spam.score


def test_region_hint_reads_national_numbers():
    assert analyze("ring 020 7946 0958", region_hint="GB").contact.phones == ("+442079460958",)


def test_marketplace_messages_are_judged_well():
    messages = _marketplace()
    flags = [(spam, analyze(text).spam.label != "ok") for spam, text in messages]
    true_positives = sum(spam and flagged for spam, flagged in flags)
    precision = true_positives / sum(flagged for _spam, flagged in flags)
    recall = true_positives / sum(spam for spam, _flagged in flags)
    assert len(messages) > 150
    assert precision >= 0.95, precision
    assert recall >= 0.9, recall


# --- Speed -----------------------------------------------------------------------------------


def test_typical_message_is_analysed_in_a_few_milliseconds():
    texts = [text for _spam, text in _marketplace()]
    analyze("warm up: load the model once")
    timings = []
    for text in texts * 3:
        started = time.perf_counter()
        analyze(text)
        timings.append(time.perf_counter() - started)
    # The target is 2 ms a message on one core; the bound leaves room for a busy test machine.
    assert statistics.median(timings) < 0.004


# --- Real business text is not a scam (issue 10) --------------------------------------------

GENUINE_BUSINESS = [
    "Hi, our HR team will contact you to schedule an interview for the data analyst role. "
    "Please send your CV.",
    "Can you email me at jo@acme.io with your rates?",
    "We are a 40-person logistics company in Rotterdam. We are hiring a part-time bookkeeper "
    "(remote, 16 hours a week, EUR 28/hour). Responsibilities: monthly close in Exact Online, "
    "supplier invoices, VAT returns. Apply now by sending your CV to finance@example.com. "
    "Competitive salary, training provided, immediate start.",
    "Senior Backend Engineer | Fintech | REMOTE (EU) | EUR 80-95k + equity | Go, Postgres, "
    "Kafka. We're hiring! Email careers@example.org with your GitHub.",
    "Urgent: we need the landing page fixed ASAP, our launch is tomorrow. Budget $300.",
]


@pytest.mark.parametrize("text", GENUINE_BUSINESS)
def test_genuine_business_text_is_not_labelled_spam(text):
    assert analyze(text).spam.label == "ok"


def test_paying_outside_the_platform_is_a_policy_finding_not_a_scam():
    analysis = analyze("We can pay in crypto (USDT) if that's easier, otherwise PayPal")
    assert analysis.offplatform_payment is True
    assert analysis.spam.label == "ok"
    assert analyze("Integrate PayPal checkout into our store").offplatform_payment is False


def test_advance_fee_letter_is_a_scam():
    analysis = analyze(
        "Dear friend, I am a bank auditor. A deceased customer left US$ 18.6 million in a "
        "dormant account with no next of kin. I seek a trustworthy foreign partner to receive "
        "the funds; you will keep 35% of the total sum. Reply with your bank details."
    )
    assert analysis.spam.label == "scam"
    assert "advance_fee" in analysis.spam.signals


def test_account_phishing_is_a_scam():
    analysis = analyze(
        "Dear customer, we noticed unusual activity and your account has been limited. "
        "Click the link below to confirm your account information within 24 hours or it will "
        "be closed: http://secure-paypal.account-verify.example.com/login"
    )
    assert analysis.spam.label == "scam"
    assert "account_phishing" in analysis.spam.signals
