"""The marketplace signals: each fires on its kind of message and stays quiet on clients'."""

import pytest

from inbox.detection.contacts import find_contacts
from inbox.detection.purpose import contact_purpose
from inbox.detection.signals import is_lookalike_domain, signals_for


def _signals(text: str, **context: bool) -> list[str]:
    findings = find_contacts(text)
    return signals_for(text, findings, contact_purpose(text, findings), **context)


# --- Signals ---------------------------------------------------------------------------------

FIRES = [
    # premium_rate: the billing mechanics of text-message spam.
    ("premium_rate", "Join the quiz! Only 150p/msg, send QUIZ to 87121 now"),
    ("premium_rate", "To place a bid, send BIDS and your amount to 83383"),
    ("premium_rate", "Call our free phone line today, it costs you nothing"),
    ("premium_rate", "Need cash fast? Bad credit welcome, call us"),
    ("premium_rate", "Hot xxx videos delivered to your phone, 18+ only"),
    ("premium_rate", "Calls cost 25p per minute from a landline"),
    # offsite_move: an invitation to continue elsewhere, or contact details shared.
    ("offsite_move", "can we continue this chat on WhatsApp?"),
    ("offsite_move", "Our recruiter will interview you via Telegram."),
    ("offsite_move", "text me on my cell, it's easier"),
    ("offsite_move", "my telegram is @pixel_maya"),
    ("offsite_move", "Details on T·e·l·e·g·r·a·m if you're curious."),
    # platform_evasion: reasons given for leaving the platform.
    ("platform_evasion", "let's move this to email to avoid the platform fees"),
    ("platform_evasion", "this app keeps logging me out lol, whatsapp me"),
    ("platform_evasion", "my account here has limited access, contact me on skype"),
    ("platform_evasion", "She only does quick calls on Telegram."),
    ("platform_evasion", "I'll pay you directly, outside of the platform"),
    # money_upfront: the freelancer pays first.
    ("money_upfront", "To activate your account, pay a $35 onboarding fee."),
    ("money_upfront", "New accounts hold a $30 security deposit, refunded later."),
    ("money_upfront", "Deposit the cheque and send the rest to our vendor."),
    ("money_upfront", "Please purchase the required software license from our partner site."),
    ("money_upfront", "Pay with an Apple gift card or Steam card."),
    ("money_upfront", "Our supplier only takes payment through a Bitcoin ATM."),
    ("money_upfront", "re-ship the packages with the prepaid labels we email you"),
    ("money_upfront", "settle the invoice from our partner by Zelle the same day"),
    # personal_data: documents and credentials.
    ("personal_data", "we need your SSN and a photo of your ID card"),
    ("personal_data", "What's your PayPal email and password?"),
    ("personal_data", "upload a photo of your driver's license and a bank statement"),
    ("personal_data", "Confirm your details at the link to keep receiving payments."),
    ("personal_data", "it might ask you to log in with google, just do it"),
    ("personal_data", "send me a selfie holding your passport"),
    # urgency
    ("urgency", "Confirm within 24h or lose access."),
    ("urgency", "your account will be suspended"),
    # shortened_link and lookalike_link
    ("shortened_link", "the brief is at bit.ly/3xYz"),
    ("shortened_link", "see tinyurl(.)com/abc-def"),
    ("lookalike_link", "Verify at upw0rk-payouts.com/verify"),
    ("lookalike_link", "accept it here: contracts-freelance-center.test/accept?id=1"),
    ("lookalike_link", "log in at paypal-secure-login.com"),
    ("lookalike_link", "open p\u0430yp\u0430l.com/login"),
    # crypto
    ("crypto", "pool funds into a DeFi yield vault, 1.2% daily"),
    ("crypto", "keep a working balance of 100 USDT"),
    ("crypto", "have you tried copy-trading? my account grew from $600 to $4,100"),
    ("crypto", "send your BTC wallet address"),
    # task_scam
    ("task_scam", "we pay $3 per Google review, screenshot it and get paid"),
    ("task_scam", "submit 30 ratings per round, $0.90 each"),
    ("task_scam", "save & comment on Pinterest pins, 1.5$ each"),
    ("task_scam", "$5 per like, paid daily"),
    ("task_scam", "your trial commission has been sent to your task account"),
    ("task_scam", "Recharge your account to unlock the next set of orders"),
    # mass_pitch
    ("mass_pitch", "Our team has selected your profile for a remote role."),
    ("mass_pitch", "Remote job opening, $45/hour, no interview, from your phone"),
    ("mass_pitch", "I'm reaching out to a few freelancers with strong reviews."),
    ("mass_pitch", "$1,100 weekly, training included, kindly revert"),
    # promo
    ("promo", "Check out my new channel and subscribe!"),
    ("promo", "WINNER!! Claim your prize now, reply STOP to opt out"),
    ("promo", "How to make money fast from home"),
]

# Mechanisms the families learned later, each in more than one wording.
FIRES_MORE = [
    # offsite_move and platform_evasion: team chats, private messengers and the excuses.
    ("offsite_move", "Let's continue the discussion on Slack, it's faster for me."),
    ("offsite_move", "Could you DM our lead on Microsoft Teams to agree the rate?"),
    ("offsite_move", "pls send me ur personal email so we can talk properly"),
    ("offsite_move", "I'd rather keep the conversation on Viber if that's ok"),
    ("offsite_move", "Download the TeleGuard app and add me, my ID is below."),
    ("platform_evasion", "The screening call happens on Telegram at 4pm tomorrow."),
    ("platform_evasion", "my manager only uses WhatsApp, message him there"),
    ("platform_evasion", "the messages in here are so laggy, text me instead at 555 0101"),
    ("platform_evasion", "this platform takes a crazy cut, we can do it outside"),
    ("platform_evasion", "Honestly this pays way better than this site ever will."),
    ("platform_evasion", "We handle everything on Slack, not here, so don't reply in this chat."),
    ("platform_evasion", "I don't like working inside this platform's chat, add me on Discord"),
    ("platform_evasion", "For confidentiality the interview is on the Session messenger app."),
    ("platform_evasion", "this site flags my messages for no reason, lets move"),
    ("money_upfront", "Before you start, you must pay their registration fee of $50."),
    ("lookalike_link", "Brief attached: brief.zip, the password is 1234"),
    ("personal_data", "Send me your ATM card and PIN and I'll handle the deposits."),
    ("money_upfront", "Our accountant will pay you by cheque; deposit it and send back the rest."),
    ("lookalike_link", "Open the brief.exe I sent and run it."),
    ("advance_fee", "Your ticket number 77-1234 won the grand prize, claim it now"),
    ("promo", "Reply YES to claim your free prize"),
    ("personal_data", "Send a photo of your debit card, front and back."),
    # A negation nearby that does not negate the move.
    ("offsite_move", "Why not continue on Telegram? It's faster."),
    ("offsite_move", "Don't hesitate to message me on WhatsApp for the details."),
    # money_upfront: fees named many ways, the reassurance, the vendor, cheques, mules.
    ("money_upfront", "Great, you're in! The welcome kit (templates and guides) is $29.99."),
    ("money_upfront", "every new editor completes our style certification ($65, about an hour)"),
    ("money_upfront", "to start i need u to pay the profile activation, 40 usd"),
    ("money_upfront", "The agency needs a contractor clearance check. It costs £48."),
    ("money_upfront", "writers buy lifetime access to our prompt library, one-off $45"),
    ("money_upfront", "Our insurer requires cover for the project; the broker sets it up for $60."),
    ("money_upfront", "Voice talent record in our approved studio network at $35 per session."),
    ("money_upfront", "Get the editing suite seat through our reseller, it's $39 a quarter."),
    ("money_upfront", "Payment for the shoot is $80, fully refunded with your first payout."),
    ("money_upfront", "Team tools cost $19 a month, we reimburse it with your first salary."),
    ("money_upfront", "the client requires an onboarding bond of $120, returned after 30 days"),
    ("money_upfront", "I posted you a cheque for the equipment; cash it and send the rest to IT."),
    ("money_upfront", "I overpaid you by mistake, please send the extra back through Zelle."),
    ("money_upfront", "my accountant sent 1,900 instead of 900, pls wire the 1000 difference"),
    (
        "money_upfront",
        "A stipend check arrives Monday so you can purchase the laptop from our vendor.",
    ),
    ("money_upfront", "I'm sending you $2,500; buy the monitors from our supplier's website."),
    ("money_upfront", "you'll receive parcels at home, relabel them and ship them to our buyers"),
    ("money_upfront", "Accept payments from our customers and transfer them to our head office."),
    ("money_upfront", "we send money to ur account, u withdraw and send it to our partner"),
    ("money_upfront", "My exchange account is locked and needs a $150 deposit to unlock it."),
    ("money_upfront", "Buy the test access on our partner site, then Cash App me the receipt."),
    # personal_data: the reader's documents, logins and one-time codes.
    ("personal_data", "You'll get a text with a code in a minute, just read it back to me."),
    ("personal_data", "I sent you a 6 digit code on WhatsApp, can you paste it here?"),
    ("personal_data", "Please forward me the code that just came to your phone."),
    ("personal_data", "can you share your login so I can check your dashboard?"),
    ("personal_data", "send me a clear pic of your credit card, front and back"),
    (
        "personal_data",
        "For payroll please send: full name, DOB, marital status, bank + account no.",
    ),
    ("personal_data", "Use your Outlook email and its password to open the shared folder."),
    ("personal_data", "It'll ask you to sign in again, just do it with your Google account."),
    ("personal_data", "Please install AnyDesk so our technician can set up your payroll."),
    ("personal_data", "Could you log into your PayPal while we screen share?"),
    ("personal_data", "we need a short video of you turning your head while holding your ID"),
    ("personal_data", "would u sell ur verified account? i pay $200"),
    # crypto: pitches aimed at the reader.
    ("crypto", "My mentor runs a VIP signals group, 85% win rate, want an invite?"),
    ("crypto", "join our pump group, the next coin is about to moon"),
    ("crypto", "I trade crypto futures on the side and could teach you."),
    ("crypto", "Members get a guaranteed monthly return of 12% on a $300 stake."),
    ("crypto", "We'd like to pay you in our project token, it will do 20x after launch."),
    ("crypto", "Once you import the recovery phrase I send, you'll see a pre-funded wallet."),
    ("crypto", "I put in 1,500 last spring and it's now worth around 6,000."),
    # task_scam: paid clicks and the balance trap.
    ("task_scam", "Sometimes you get a combination order that needs a top-up to your account."),
    ("task_scam", "We pay you to stream new tracks on Spotify, 20 songs = $30."),
    ("task_scam", "post a 5-star review from your own account and send us a screenshot"),
    ("task_scam", "Today's paid task: transfer 80 to the merchant to unlock a 130 return."),
    ("task_scam", "The system refunds you + 15% commission after each purchase."),
    ("task_scam", "your account balance is negative, recharge 200 to continue the set"),
    ("task_scam", "like 20 videos, get $12. reply go to start"),
    ("task_scam", "We pay $2 per upvote on our clients' Reddit posts."),
    ("task_scam", "Trustpilot reviews from real accounts, $5 each, we write them."),
    # mass_pitch: vague well-paid work for anyone, and fake reviews for sale.
    (
        "mass_pitch",
        "Our global network is seeking individuals for online tasks; remuneration is good.",
    ),
    ("mass_pitch", "we need brand ambassadors in your country, paid daily!"),
    ("mass_pitch", "I came across your profile, the role is remote, flexible and pays very well."),
    ("mass_pitch", "Hi [NAME], we have openings for product testers. Reply to learn more."),
    ("mass_pitch", "I can get you 5,000 followers and 40 five-star reviews on your profile."),
    # lookalike_link: look-alike subdomains, hosted phishing, booby-trapped files.
    ("lookalike_link", "The mockup is at canva.com.view-design.io/file/77, log in again if asked."),
    (
        "lookalike_link",
        "Brief: files-share.click/brief.zip (password 2580), run the viewer inside.",
    ),
    ("lookalike_link", "open the attached .docm and enable macros to see the tables"),
    ("lookalike_link", "Please confirm your payout on payout-verify.pages.dev before Friday."),
    ("lookalike_link", "it asks permission for the 'DocViewer' app, just allow it"),
]


@pytest.mark.parametrize(("signal", "text"), FIRES + FIRES_MORE)
def test_signal_fires_on_its_kind_of_message(signal, text):
    assert signal in _signals(text)


QUIET = [
    # premium_rate: kisses, prices per unit of work, and replies are not billing.
    ("premium_rate", "See you tomorrow, love you xxx"),
    ("premium_rate", "Text back on this number when you land"),
    ("premium_rate", "Rate is $25 per hour, invoiced weekly"),
    ("premium_rate", "Send the final files to the client by Friday"),
    # Legitimate clients mention money, messengers, links, documents and urgency too.
    ("money_upfront", "Budget for this phase is $600, paid per milestone."),
    ("money_upfront", "We'd like to pay a 30% deposit upfront through the platform."),
    ("money_upfront", "We need a landing page for our Bitcoin ATM network."),
    ("money_upfront", "Can you send the invoice for the extra revisions?"),
    ("money_upfront", "Could you check the deposit flow in our banking app for bugs?"),
    ("personal_data", "We're building an identity verification microservice (document OCR)."),
    ("personal_data", "Our app needs passport photo upload with face detection."),
    ("personal_data", "Send me your GitHub username and I'll give you access."),
    ("personal_data", "Fix the bug where the password reset email isn't sent."),
    ("crypto", "Design onboarding for our crypto portfolio tracker (read-only, no trading)."),
    ("crypto", "Translate our crypto exchange's help center into Spanish."),
    ("task_scam", "We pay $0.10 per word for blog posts."),
    ("task_scam", "Looking at $20-30 per video for 20 product videos."),
    ("task_scam", "Could you write 10 product reviews for our blog? $40 per article."),
    ("offsite_move", "We need a Discord + Telegram bot that posts new arrivals."),
    ("offsite_move", "Can you integrate WhatsApp Business API notifications?"),
    ("offsite_move", "Let's schedule a short video interview on Zoom."),
    ("offsite_move", "Which Google email should I share the dashboards with?"),
    ("platform_evasion", "Please call me through the platform's call feature."),
    ("mass_pitch", "Hi, I need a medical translator for patient leaflets, 9 documents."),
    ("mass_pitch", "Dear freelancer, thank you for your proposal."),
    ("lookalike_link", "Our current site is www.greenleaf-bakery.com"),
    ("lookalike_link", "The guide is at https://drive.google.com/file/d/1AbC/view"),
    ("lookalike_link", "pay me at paypal.me/annadesign"),
    ("urgency", "Deadline in 2 weeks."),
    ("promo", "Could you check out our current logo and say if it needs a refresh?"),
    ("promo", "Feel free to ask questions."),
]

# The subject of the work, the client's own payments, and advice: the mechanisms' words without
# the mechanism.
QUIET_MORE = [
    # personal_data: documents as the work, credentials the client hands out, advice.
    ("personal_data", "We need someone to retouch passport photos for our staff's visa paperwork."),
    ("personal_data", "Design our KYC onboarding: ID upload, selfie capture and address check."),
    ("personal_data", "Record the line 'never share your verification code' for our bank's video."),
    (
        "personal_data",
        "I'll create a read-only account; you'll set your own password from the email.",
    ),
    ("personal_data", "I'll send your login details for the staging server once we sign."),
    ("personal_data", "Nobody on our team will ever ask you for your password."),
    ("personal_data", "Write a help article on how to verify your identity with a selfie."),
    ("personal_data", "Can you forward me the code review comments from the other developer?"),
    ("personal_data", "Can you make the OTP input field jump to the next digit automatically?"),
    ("personal_data", "Build a signup form that collects full name, date of birth and address."),
    # crypto: crypto as the work.
    ("crypto", "We need a security audit of our staking smart contract before mainnet."),
    ("crypto", "Translate our wallet app's help centre: seed phrase backup and recovery."),
    ("crypto", "Looking for an accountant for crypto tax reporting, DeFi income included."),
    ("crypto", "Add a 'connect your wallet' button to our marketplace front end."),
    ("crypto", "Our newsletter grows about 10% a month, can you write the next issue?"),
    ("crypto", "Can you explain in a short video how to connect your wallet safely?"),
    # money_upfront: the client pays, a customer pays, or the price is the product's.
    ("money_upfront", "I'll reimburse the typeface licence ($60), just send me the receipt."),
    ("money_upfront", "Landing page for our gift card program: buy a card, send it to a friend."),
    ("money_upfront", "Write the pricing page: Basic membership is $9/month, Pro is $25/month."),
    ("money_upfront", "Our bootcamp is $1,500 per student, we need a new sales page."),
    ("money_upfront", "We'd like to put down a 25% deposit through escrow before you start."),
    ("money_upfront", "I was charged a processing fee on my side, is that normal here?"),
    ("money_upfront", "Our general counsel approved the review fee you quoted (USD 1,800)."),
    ("money_upfront", "I paid twice by accident; support is reversing it, nothing for you to do."),
    ("money_upfront", "We courier the product to you for the shoot; send it back on our label."),
    ("money_upfront", "Our warehouse will relabel the SKUs next week, please update the sheet."),
    ("money_upfront", "Once it clears QA, please send the build to our tester."),
    ("money_upfront", "We print business checks and deposit slips; we need product page copy."),
    ("money_upfront", "Make an explainer about how escrow activation works on our marketplace."),
    ("money_upfront", "Please send the rest of the files to my assistant."),
    # task_scam: ratings and commissions as features or normal business.
    ("task_scam", "Ratings are broken in our app, users can't leave 5-star reviews."),
    ("task_scam", "Build a referral tracker where partners earn 10% commission on each order."),
    ("task_scam", "Write an article on how to spot task scams that ask for a top-up."),
    ("task_scam", "We get about 40 orders per day; can you automate the invoices?"),
    ("task_scam", "Could you optimize data loading in our Django admin?"),
    ("task_scam", "Just following up on the draft, any news?"),
    # mass_pitch: a real hire, a bonus, a referral program's copy.
    ("mass_pitch", "Congrats, you've been selected for the project! The offer is on its way."),
    ("mass_pitch", "The client approved an extra $200 bonus for the launch, enjoy!"),
    ("mass_pitch", "Email copy for our referral program: earn $25 for each friend who joins."),
    ("mass_pitch", "Hourly contract through the platform: part-time, remote, $40/hr."),
    ("mass_pitch", "Our agency works with Fortune 500 clients and needs a senior copywriter."),
    # offsite_move and platform_evasion: messengers as products, availability notes.
    ("offsite_move", "We want to hire someone to build an order bot on Telegram."),
    ("offsite_move", "Can you connect our CRM to the WhatsApp Business API?"),
    ("platform_evasion", "I rarely check this inbox on weekends, I'll answer here on Monday."),
    ("platform_evasion", "I know the platform takes 10% on your side, so I budgeted for it."),
    ("platform_evasion", "Use the blue instead of the red on the banner, please."),
    ("platform_evasion", "Let's switch to fixed price instead of hourly for the rest."),
    ("platform_evasion", "The app doesn't load on Android 12, can you debug it?"),
    # lookalike_link: a look-alike domain named as an example, a JavaScript framework.
    ("lookalike_link", "Build an extension that warns on look-alike domains like paypa1.com."),
    ("lookalike_link", "Add Stripe subscriptions to our Next.js app with a webhook."),
]


# The two classic frauds of email, aimed at the reader (new strings, not corpus rows).
FIRES_FRAUD = [
    (
        "advance_fee",
        "I am the attorney of a deceased client who left US$ 12.5 million; I seek your "
        "cooperation to stand as next of kin and receive 30% of the total sum.",
    ),
    (
        "advance_fee",
        "Your email won the lottery draw; quote your winning number ZX-4417 to the claims agent.",
    ),
    (
        "account_phishing",
        "We detected unusual sign-in activity on your account. Click the link below to verify "
        "your account details or it will be limited.",
    ),
    # The form can be a file, and the pretext a parcel.
    (
        "account_phishing",
        "We have restricted some of your mail services; to restore them, open the attached "
        "form and complete it today.",
    ),
    (
        "account_phishing",
        "Courier notice: we were unable to deliver your parcel today. Call 07700 900123 to "
        "reschedule delivery.",
    ),
    (
        "account_phishing",
        "Your package is on hold at our depot. Click the link to confirm your address: "
        "parcel-redeliver.top/ab12",
    ),
    # A service "to be renewed", and an "upgrade" that needs the reader's data confirmed.
    (
        "account_phishing",
        "The service(s) listed below will be deactivated and deleted if not renewed "
        "immediately. Renew Now.",
    ),
    (
        "account_phishing",
        "Our technical services are carrying out a planned software and hardware upgrade. "
        "Please visit the following link to start the confirmation of customer's data.",
    ),
    ("promo", "Holiday voucher worth £450! To claim, quote your claim number 5541 when you call."),
    # The disclaimers of unsolicited bulk mail.
    ("promo", "We apologize if this is an unwanted email; this is a one-time mailing only."),
    ("promo", "THIS IS NOT SPAM. I found your email address on your website and have an offer."),
    # A trading expert pitched to the reader, not hired.
    ("crypto", "Our crypto trading expert will grow your savings; join today."),
    # Subscription texts: a keyword to send back, and the way out of the billing.
    ("premium_rate", "Your next video is on its way! Text back the keyword PICS1 for more."),
    ("premium_rate", "Just text the word OK from your mobile phone and send."),
    ("premium_rate", "Free bulbs with Saturday's paper. To stop go2 notxt.co.uk"),
    ("promo", "You can make money from home in your spare time, ask me how."),
]
QUIET_FRAUD = [
    ("advance_fee", "We raised $4 million last year and are hiring our first designer."),
    ("advance_fee", "Build a landing page for our lottery results site with a winners list."),
    (
        "account_phishing",
        "IT notice: from Monday you sign in with SSO. Nothing else changes; no action needed.",
    ),
    (
        "account_phishing",
        "Add a 'suspicious activity' alert to our admin dashboard when logins fail three times.",
    ),
    (
        "account_phishing",
        "The courier tried to deliver the samples yesterday; can you call them to rearrange?",
    ),
    ("account_phishing", "Please see the attached file for the brief and confirm your rate."),
    (
        "account_phishing",
        "Your subscription will be renewed automatically on 1 May; renew now to lock the price.",
    ),
    # Hiring an expert and building signals are the work (real job posts).
    (
        "crypto",
        "We are looking for a crypto trading expert to review the codebase of our trading bot.",
    ),
    ("crypto", "Python developer: the script should generate trading signals from the live feed."),
    ("promo", "Our newsletter: unsubscribe at any time from the link in the footer."),
    # A mailing list's way out, and a file to look at, are not advertising or billing.
    ("premium_rate", "To unsubscribe, send an email to majordomo@lists.example.org"),
    ("promo", "I uploaded the draft; please check it and tell me what to change."),
    ("promo", "Check this spreadsheet before Friday's call."),
    # The writer's own income is not an offer to the reader.
    ("promo", "The licence lets me sell binaries, so I just might make money at this."),
    ("promo", "We make money from the ads on the site; the app itself is free."),
]


@pytest.mark.parametrize(("signal", "text"), FIRES_FRAUD)
def test_fraud_signal_fires_on_its_kind_of_message(signal, text):
    assert signal in _signals(text)


@pytest.mark.parametrize(("signal", "text"), QUIET_FRAUD)
def test_fraud_signal_stays_quiet_on_business_text(signal, text):
    assert signal not in _signals(text)


# Real phrases of genuine clients and employers that the signals once read as scams (issue 10):
# hiring, interviews, CVs, payment methods and deadlines are business, not fraud aimed at the
# reader. Contact details and paying outside the platform are the contact rule's matter.
QUIET_BUSINESS = [
    (
        signal,
        "Hi, our HR team will contact you to schedule an interview for the data analyst role. "
        "Please send your CV to hr@acme.example.com.",
    )
    for signal in ("offsite_move", "mass_pitch", "urgency", "personal_data")
] + [
    ("crypto", "We can pay in crypto (USDT) if that's easier, otherwise PayPal"),
    ("crypto", "we'd like to pay your invoice in ETH"),
    ("offsite_move", "Can you email me at jo@acme.io with your rates?"),
    ("offsite_move", "Questions? Call our recruiting line at 555-0142 or email careers@acme.io"),
    ("mass_pitch", "Dear sir, we have job vacancy for data entry, good salary."),
    ("mass_pitch", "Hiring now: part-time, work from home, $30/hr, no experience needed."),
    (
        "mass_pitch",
        "We're hiring! Competitive salary, full benefits, remote-friendly. Apply now by sending "
        "your resume to jobs@acme.example.com",
    ),
    ("mass_pitch", "Seeking talented individuals to join our growing team; training provided."),
    ("urgency", "Reply ASAP, this is urgent!"),
    ("urgency", "Need this done ASAP, it's urgent for our launch right now"),
    ("promo", "You are subscribed to the Acme engineering newsletter. Unsubscribe any time."),
    # Work email that once read as scams: a code that expires, a fee waived, ID shown in person.
    ("urgency", "Enter the 6-digit code we sent to your phone. The code expires in 10 minutes."),
    (
        "money_upfront",
        "We've refunded $64.00 to your card. The return shipping fee of $0 was waived.",
    ),
    (
        "personal_data",
        "Before your start date, please bring your original passport to HR for the "
        "right-to-work check.",
    ),
    # Clients stating the platform's rule, in real job posts: the rule, not a move off it.
    ("offsite_move", "Please do not contact me outside of Upwork."),
    (
        "platform_evasion",
        "YOU DO NOT CONTACT ME OUTSIDE OF UPWORK YOU WILL BE REPORTED IF YOU CONTACT ME OUTSIDE "
        "OF UPWORK",
    ),
    ("offsite_move", "Any attempt to move the conversation off the platform will be reported."),
    ("offsite_move", "Never chat on WhatsApp with applicants; everything stays on Upwork."),
    # A fee the client's own members pay; a bank's notice about the reader's card.
    (
        "money_upfront",
        "Members log in, see their plot, pay their annual fee through Stripe, and book tools.",
    ),
    (
        "personal_data",
        "We've received your request to increase the daily limit on your business debit card "
        "to $10,000. The new limit is effective immediately.",
    ),
    # Alerts, receipts and IT's warnings (written work email, issue 10).
    (
        "money_upfront",
        "Card alert: a charge of $1,240.00 at HILTON CHICAGO was made on Oct 7, 2019.",
    ),
    (
        "money_upfront",
        "Registration confirmed. Pass type: Full Conference Registration ID: RSAC24-77410 "
        "Amount paid: $2,395.00 (invoiced to Brightpath Security Inc.)",
    ),
    ("advance_fee", "TICKET NUMBER 5262114088710 / TOTAL $176.00 BILLED TO CORPORATE CARD"),
    ("promo", "Reply YES if you made this purchase or NO if you did not."),
    (
        "lookalike_link",
        "A virus is spreading as an attachment ending in .pdf.scr. If you receive this, DELETE "
        "IT without opening.",
    ),
    ("lookalike_link", "Webmail is now at outlook.office365.com instead of mail.example.com."),
    # A bank's own notices: a free 0800 line, a bill paid by cheque, the reader's card named,
    # advice never to share a password, a fee already charged.
    ("premium_rate", "If you did not request this change, please call us on 0800 555 0119."),
    ("money_upfront", "Total due: $645.00 by October 15. You can pay by check or online."),
    ("personal_data", "We are upgrading your Lakeview Federal Visa debit card to contactless."),
    ("personal_data", "We'll never email you a link that asks you to enter your password."),
    ("money_upfront", "An overdraft fee of $15.00 was charged to your account on 05/27."),
    # A brand's own site under a country code.
    ("lookalike_link", "SEO for our store on both Amazon.com and Amazon.ca, and amazon.co.jp"),
]


@pytest.mark.parametrize(("signal", "text"), QUIET + QUIET_MORE + QUIET_BUSINESS)
def test_signal_stays_quiet_on_legitimate_messages(signal, text):
    assert signal not in _signals(text)


def test_contact_details_shared_for_scoping_raise_no_offsite_move():
    text = "For the GA4 invite please use metrics.lea@example.com, viewer access is enough"
    assert _signals(text) == []


def test_context_facts_are_signals():
    assert _signals("hello", new_sender=True, campaign=True) == ["new_sender", "campaign"]


@pytest.mark.parametrize(
    ("host", "lookalike"),
    [
        ("upw0rk-payouts.com", True),
        ("paypa1.com", True),
        ("paypal-secure-login.com", True),
        ("secure-paypal.example", True),
        ("rnicrosoft.com", True),
        ("xn--pypal-4ve.com", True),
        ("contracts-freelance-center.test", True),
        ("paypal.com", False),
        ("www.paypal.com", False),
        ("drive.google.com", False),
        ("github.io", False),
        ("my-portfolio.design", False),
        ("example.co.uk", False),
        ("tinyurl.com", False),
        # A brand's domain dressed up in front of another ("figma.com.<anything>").
        ("paypal.com.account-check.net", True),
        ("figma.com.design-view.io", True),
        ("example.com.au", False),
        # Free hosting: the subdomain is the name the sender registered.
        ("payout-verify.pages.dev", True),
        ("my-portfolio.pages.dev", False),
        ("chase-payments.com", True),
        ("studio-hub.com", False),
        # A brand's own site under a country code; ".co" and ".cm" are typos of ".com".
        ("amazon.ca", False),
        ("www.google.de", False),
        ("paypal.com.au", False),
        ("upwork.co", True),
        ("paypal.cm", True),
        ("amazon-verify.ca", True),
    ],
)
def test_lookalike_domains(host, lookalike):
    assert is_lookalike_domain(host) is lookalike


def test_quoted_copy_is_not_a_request():
    text = "Write the banner: 'earn $20 for every friend, send us your passport today'"
    assert _signals(text) == []


def test_strong_signals_can_fire_together():
    text = "Deposit the cheque, keep $300 and pay our vendor via Zelle. Send your SSN too."
    assert {"money_upfront", "personal_data"} <= set(_signals(text))


def test_a_message_about_scams_raises_no_scam_mechanism():
    text = "Blog post: how to spot scams that ask for a registration fee of $50 or your SSN."
    assert not {"money_upfront", "personal_data", "task_scam"} & set(_signals(text))
