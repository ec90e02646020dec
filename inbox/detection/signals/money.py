"""Money up front: fees, kits, vendors, cheques and overpayments, mules, reshipping."""

from __future__ import annotations

import re

from .phrases import (
    AMOUNT,
    THIRD_PARTY,
    YOU,
    YOUR,
    any_match,
    family,
    not_negated,
    sentence_around,
)

_RAILS = (
    r"(?:zelle|cash\s*app|venmo|western\s+union|moneygram|bitcoin\s+atm|crypto\s+atm|"
    r"gift\s*cards?|wire\s+transfer|money\s+order)"
)

# What freelancers are made to pay for before they are paid.
_FEE_NOUNS = (
    r"(?:registration|activation|verification|certification|certificate|bootcamp|course|"
    r"training|(?:starter|welcome|onboarding)\s+(?:kit|pack|package)|kit|membership|"
    r"lifetime\s+access|access\s+fee|bond|permit|insurance|liability\s+cover|cover|coverage|"
    r"exam|background\s+check|notari[sz]ation|enrol?lment|clearance|vetting|screening|"
    r"processing|admin\s+fee|assessment|seat|seats|subscription|reseller|reservation|listing|"
    r"filing|calibration|evaluation|uniform|badge|upgrade|key|top-?up|roster|placement|access)"
)

# Charges only a freelancer made to pay would be told of; not a course or kit as a deliverable.
_CHARGE_NOUNS = (
    r"(?:registration|activation|verification|certification|insurance|bond|permit|screening|"
    r"background\s+check|enrol?lment|evaluation|calibration|vetting|clearance|notari[sz]ation)"
)

# A price for something the reader must have: "certification ($79)", "kit (...) is $39.99",
# "registration of 25 USD", "$30 verification transfer", "payable to our broker".
_PRICED = family(
    r"(?:registration|setup|set-up|set\s+up|application|processing|activation|membership|"
    r"training|onboarding|verification|certification|admin|administrative|joining|entry|starter|"
    r"material|equipment|security|refundable|one[-\s]time|clearance|insurance|commitment|"
    r"enrol?lment|assessment|notary|gas|unlock|withdrawal|release|transfer|tax)\s+"
    r"(?:fee|fees|deposit|charge|cost|bond)",
    rf"(?:fee|deposit|bond)\s+(?:of\s+)?(?:only\s+)?{AMOUNT}",
    rf"{_FEE_NOUNS}(?:\s+(?:fee|fees|cost|price|charge|package|program|access|pack))?"
    rf"(?:\s*\([^)\n]{{0,60}}\))?\s*(?:(?:\(|:|-|\u2014|\u2013|,|is|are|costs?|of|at|for|will\s+be|"
    rf"runs?)\s*)?(?:only\s+|just\s+)?(?:a\s+)?(?:flat\s+)?(?:one[-\s]?(?:off|time)\s+)?{AMOUNT}",
    rf"{AMOUNT}\s+(?:one[-\s]?(?:off|time)\s+)?(?:\w+\s+)?{_CHARGE_NOUNS}\b",
    rf"{_CHARGE_NOUNS}\b[^.!?\n]{{0,40}}?[,(:\u2014\u2013-]\s*{AMOUNT}",
    rf"{AMOUNT}\b[^.!?\n]{{0,30}}?\b(?:payable|one[-\s]?(?:off|time)(?=\s*[),.;]|\s*$)|"
    rf"non-refundable|refundable|paid\s+once)|(?:payable|refundable)\b[^.!?\n]{{0,20}}?{AMOUNT}",
    rf"(?:charge|premium)\s+(?:is|of|will\s+be|:)\s+(?:only\s+|just\s+|a\s+flat\s+)?{AMOUNT}",
    rf"(?:it'?s|its|it\s+is|that'?s|costs?|charges?)\s+(?:only\s+|just\s+|a\s+flat\s+)?{AMOUNT}\s+"
    r"(?:and\s+(?:takes|u\s+pay|you\s+pay)|one[-\s]?(?:off|time))",
    r"membership\s+is",
    rf"{_FEE_NOUNS}\b[^\n]{{0,80}}?\b(?:(?:it|this|that|which)\s+(?:only\s+)?(?:costs?|is|runs?)|"
    r"it'?s|"
    r"its)\s+"
    rf"(?:only\s+|just\s+)?{AMOUNT}",
    rf"{_CHARGE_NOUNS}\b[^.!?\n]{{0,40}}?\b(?:for|costs?|is|at)\s+(?:a\s+flat\s+|"
    rf"only\s+)?{AMOUNT}",
    rf"(?:fee|charge|premium)\b(?!\s+(?:you|u)\s+(?:quoted|charge|asked|proposed|mentioned|"
    rf"offered))[^.!?\n]{{0,40}}?[,:(]\s*{AMOUNT}",
)

_MONEY_UPFRONT = family(
    # The reassurance that goes with a fee: "refunded with your first payout", "we reimburse in
    # first salary", "fully refunded on day 3".
    r"(?:refunded|refundable|returned|reimbursed?|given\s+back|paid\s+back)\s+(?:it\s+|them\s+)?"
    r"(?:in\s+full\s+|100\s?%\s+)?(?:with|in|after|on|from)\s+(?:your\s+|ur\s+|the\s+)?(?:first|"
    r"1st)\s+"
    r"(?:salary|pay|payout|paycheck)|refunded\s+on\s+day\s+\d+",
    rf"(?:refund|return|pay\s+back)\s+(?:it\s+|{YOU}\s+|the\s+money\s+)?(?:after|with|in|on)\s+"
    rf"(?:{YOUR}\s+|the\s+)?(?:first|1st)\s+(?:order|salary|pay|payout|paycheck|payment|invoice|"
    r"milestone|task|job)",
    r"upgrade\s+to\s+(?:a\s+)?(?:gold|premium|vip|pro|silver|platinum)\s+(?:member|membership|"
    r"account|plan|level)|(?:hold|buy|get|have)\s+a\s+paid\s+membership",
    rf"(?:lodge|make|put\s+down|place|pay)\s+(?:a\s+)?{AMOUNT}\s+(?:\S+\s+){{0,3}}?deposit",
    r"(?:requires?|needs?|pay|make)\s+an\s+advance\s+of",
    r"(?:cash\s*app|zelle|venmo|wise)\s+(?:me|us)\b|(?:send|transfer|pay)\s+(?:me|"
    r"us)\s+the\s+money",
    r"(?:pay|pays|paying)\s+(?:just\s+|only\s+)?(?:a\s+)?(?:reduced|discounted|small|one-time|"
    r"one-off|"
    rf"refundable|subsidi[sz]ed)\s+(?:fee\s+of\s+)?{AMOUNT}|credited\s+back",
    rf"charges?\s+(?:you\s+|u\s+)?{AMOUNT}\s+(?:per|a|for\s+(?:the|each|a))\s+(?:seat|licen[cs]e|"
    r"person|contractor|freelancer|designer|editor|writer|translator|member|user)",
    # Who pays matters: a client paying a deposit is a good sign, a freelancer paying one is not.
    r"send\s+(?:the|a|an|your)?\s*(?:small\s+|refundable\s+|\w+\s+)?fee|"
    # ("members pay their annual fee": their fee is theirs to pay, unless the reader is told to.)
    r"(?:pay|transfer|cover)\s+(?:for\s+)?(?!their\b)(?:a|the|an|your|our)?\s*"
    r"(?:small\s+|refundable\s+|\w+\s+){0,2}(?:fee|activation|registration|insurance|bond|"
    r"certification|permit|premium)",
    r"(?:you|u)\s+(?:\w+\s+){0,3}?(?:pay|transfer|cover)\s+(?:for\s+)?their\s+"
    r"(?:small\s+|refundable\s+|\w+\s+){0,2}(?:fee|activation|registration|insurance|bond|"
    r"certification|permit|premium)",
    r"(?:you|u)\s+(?:will\s+)?(?:need\s+to\s+|must\s+|have\s+to\s+|should\s+)?(?:pay|send|make)\s+"
    r"(?:a|the|an|your)?\s*(?:small\s+|refundable\s+)?deposit",
    r"(?:hold|holds|require|requires)\s+(?:a\s+)?(?:\$?\d+\s+)?(?:security\s+)?deposit",
    # ("order supplies and manage vendors" is an office job's duty, not a purchase asked for.)
    r"(?:buy|buys|purchase|purchases|pay\s+for)\s+(?:the\s+|a\s+|our\s+|your\s+)?"
    r"(?:\w+\s+){0,3}(?:\w*kit|manual|software|licen[cs]e|equipment|course|test\s+access|"
    r"membership|subscription|items?|supplies|starter\s+pack|materials?|lifetime\s+access|"
    r"access\s+to|seats?|package|bundle|certification|training|plan|key)",
    # "from our vendor", "through our reseller", "our partner store": the sender's own shop.
    r"(?:buy|buys|purchase|purchases|order|get|pay|pays|paid|book|booked|rent|set\s+up)\b"
    r"[^.!?\n]{0,50}?\b(?:from|through|via|at|with|by)\s+(?:our|their|the|my|his|a)\s+(?:\w+\s+)?"
    r"(?:vendor|supplier|partner|reseller|broker|store|shop|agent|coordinator|provider|officer|"
    r"lawyer|notary|insurer|agency)(?:'?s)?\b",
    r"pay\s+(?:it\s+|them\s+)?direct(?:ly)?\s+to\s+(?:the|our|their|his|her|my)\s+\w+",
    r"(?:our|their|an?|the)\s+(?:approved|partner|preferred|designated|certified|recommended|"
    r"authori[sz]ed|exclusive)\s+(?:\w+\s+)?(?:vendor|supplier|reseller|broker|store|shop|network|"
    r"provider|"
    r"agency|academy|portal)\b[^.!?\n]{0,40}" + AMOUNT,
    r"(?:vendor|supplier|reseller|broker|partner|notary|lawyer|agent|insurer|"
    r"foundry)\b[^.!?\n]{0,40}?"
    r"(?:sets?\s+it\s+up|charges?|costs?|invoices?\s+(?:you|u)|for)\b[^.!?\n]{0,15}?(?:"
    + AMOUNT
    + r"|\d+\.\d\d\b)",
    r"(?:have|get)\s+(?:him|her|them)\s+invoice\s+(?:you|u)",
    # Cheques, money orders and overpayments: the cheque bounces after the money has gone.
    r"(?:by|with|through|via|a|an|the|your|this|our|my)\s+(?:business|certified|cashier'?s?|"
    r"company|personal|stipend|reimbursement|equipment|advance|signing|payroll|bank)\s+"
    r"(?:check|cheque)(?!s)",
    r"(?:a|the|your|this|our)\s+(?:\w+\s+)?(?:check|cheque)\b(?!\s+(?:printing|printer|design|"
    r"template|stock|box|list|mark))[^.!?\n]{0,60}\bdeposit|"
    r"deposit\s+(?:it|the\s+(?:check|cheque|funds))|cash\s+(?:it|the\s+(?:check|cheque))",
    r"(?:mail|mailed|mailing|courier|send|sending|sent|ship|fedex|post|overnight)\w*\s+(?:you|u)\s+"
    r"(?:a|an|the)?\s*(?:\w+\s+)?(?:check|cheque|money\s+order)",
    # ("You can pay by check" is the reader settling a bill: the fraud pays *you* by cheque.)
    r"pay\s+(?:you|u)\s+(?:upfront\s+|up\s+front\s+|in\s+advance\s+)?(?:with|by|via|through)\s+"
    r"(?:a\s+)?(?:check|cheque|money\s+order)|(?:by|with|via)\s+money\s+order",
    r"(?:check|cheque|money\s+order)\s+(?:is|was|will\s+be|should\s+be)?\s*(?:on\s+(?:the|its)\s+"
    r"way|in\s+the\s+mail|in\s+your\s+mailbox|coming|arriving|arrives)|(?:check|cheque)\s+"
    r"(?:clears?|cleared|lands?|bounces?)|(?:check|cheque)\s+(?:for|of)\s+" + AMOUNT,
    r"(?:check|cheque)\s+for\s+\d{1,3}(?:,\d{3})+",
    r"(?:mailed|posted|sent|couriered|shipped|fedexed|overnighted|sending|mailing|"
    r"posting)\s+(?:you\s+|u\s+)?"
    r"(?:a|the)\s+(?:\w+\s+)?(?:check|cheque|money\s+order)\b|once\s+(?:it|the\s+(?:check|cheque|"
    r"funds|payment))\s+clears?(?=\s*(?:[,.;!?]|$)|\s+(?:and|then|please|pls|send|pay|forward|wire|"
    r"transfer|buy)\b)",
    r"return\s+(?:it|the\s+(?:money|funds|payment|amount|duplicate))\s+(?:by|via|through)",
    r"(?:forward|send|transfer|wire)\s+(?:the\s+)?(?:\w+\s+)?(?:amount|funds|money)\s+to\s+(?:our|"
    r"the|"
    r"their|my)\b",
    r"(?:(?:paid|refunded|reimbursed)\s+(?:\w+\s+){0,3}?|(?:pay|pays|paying|refund|reimburse)\s+"
    r"(?:you|u)\s+(?:\w+\s+){0,2}?)(?:by|with|via|through)\s+(?:a\s+|an\s+)?"
    r"(?:check|cheque|money\s+order)(?!s)\b|(?:check|cheque)\s+(?:shows|is\s+showing)\s+(?:as\s+)?"
    r"(?:available|pending|cleared)",
    r"overpaid|overpayment|paid\s+(?:you\s+|u\s+)?(?:too\s+much|extra\s+by|more\s+than\s+(?:the|"
    r"your))|"
    r"(?:sent|sending|paid|transferred|deposited)\s+(?:you\s+|u\s+)?(?:the\s+)?(?:\$?\d[\d,.]*|"
    r"money|"
    r"funds|payment|extra)\b[^.!?\n]{0,30}?\bby\s+mistake|(?:transfer|wire|refund)\s+(?:it|them|"
    r"the\s+"
    r"(?:money|funds|payment))\s+back\b",
    rf"(?:send|wire|transfer|refund|return|pay)\s+(?:the\s+)?(?:{AMOUNT}|\d[\d,.]*)\s+(?:back|"
    r"difference|extra|excess|balance|overpayment)|(?:send|wire|transfer|refund|return|"
    r"pay)\s+back\s+"
    rf"(?:the\s+)?(?:{AMOUNT}|\d[\d,.]*)|(?:refund|return|"
    r"wire)\s+(?:back\s+)?(?:the\s+)?(?:(?:extra|"
    r"excess|difference)(?=\s*(?:$|[.,!?;]|to\b|by\b|via\b|through\b|back\b|amount|money|funds|\d|"
    r"\$))|"
    r"overpaid|overpayment)",
    r"(?:withdraw|cash\s+out)\s+(?:it\s+|them\s+|the\s+(?:money|funds)\s+)?(?:and|then)\s+(?:send|"
    r"transfer|forward|wire|pay)",
    r"(?:receive|accept|collect)\s+(?:\w+\s+){0,2}(?:payments?|money|funds|checks|cheques|"
    r"transfers)"
    r"\b[^.!?\n]{0,60}?(?:\band|\bthen|,)\s+(?:\w+\s+)?(?:forward|transfer|wire|pass)\b",
    rf"(?:money|funds|payments?)\s+(?:to|into|in)\s+{YOUR}\s+(?:\w+\s+)?(?:bank|account|paypal)\b"
    r"[^.!?\n]{0,60}?\b(?:send|transfer|forward|wire|pay)\s+(?:it\s+|them\s+)?(?:to|on)\b",
    rf"send\s+{YOU}\s+(?:the\s+)?money\s+(?:and|then)\s+{YOU}\s+(?:pay|buy|send|transfer)",
    rf"(?:you|u)\s+keep\s+(?:[1-9]|1\d|20)\s?%|keeping\s+(?:[1-9]|1\d|20)\s?%|give\s+{YOU}\s+"
    r"\d+\s?%\s+(?:each|every)",
    r"(?:pic|photo|picture|image|scan)\s+of\s+(?:the\s+)?(?:check|cheque)",
    r"(?:once|when|after)\s+(?:the\s+)?funds\s+clear",
    rf"keep\s+(?:the\s+|your\s+)?(?:{AMOUNT}|rest|remaining|difference|balance)",
    rf"(?:send|return|forward|transfer|wire|refund|give|pay|pass)\s+(?:back\s+)?(?:the\s+)?"
    rf"(?:rest|remaining|remainder|balance|extra|excess|difference|leftover|overpayment|"
    rf"overpaid\s+amount|{AMOUNT})(?:\s+(?:amount|money|funds))?(?!\s+of\s+(?:the\s+)?"
    rf"(?:files|work|project|pages|designs|screens|assets))\b[^.!?\n]{{0,40}}?\b(?:to|on\s+to)\s+"
    rf"(?:my|our|the|his|her|their|him|them)\b",
    r"(?:it'?s|its|it\s+is)\s+(?:for\s+)?(?:\d+x|double|twice|triple)\b",
    r"the\s+rest\s+(?:goes|is|will\s+go)\s+(?:to|for)\b",
    r"(?:buy|purchase|get|send|pay)\b[^.!?\n]{0,30}\b(?:(?:apple|itunes|google\s+play|steam|amazon|"
    r"ebay|visa|target|walmart|razer|sephora)\s+(?:gift\s*)?cards?)|(?:send|scratch|text|"
    r"photo\s+of)\s+"
    r"(?:me\s+|us\s+)?(?:the\s+)?(?:gift\s+)?(?:card\s+)?codes|(?:back|backs)\s+of\s+the\s+cards?",
    r"(?:pay|paying|payment|accept|accepted|accepts|takes?)\s+(?:\w+\s+){0,2}(?:with|in|by|via|"
    r"using)\s+(?:a\s+|an\s+)?(?:\w+\s+)?gift\s*cards?|gift\s*card\s+codes|"
    r"(?:steam|google\s+play|apple|"
    r"itunes)\s+(?:or\s+\w+(?:\s+\w+)?\s+)?cards\s+(?:are\s+)?accepted",
    # Irreversible payment rails, when someone is to send money through them.
    r"(?:pay|send|transfer|settle|wire|forward)\s+(?:it|them|him|her|us|me|you|the\s+\w+|"
    r"our\s+\w+|"
    rf"their\s+\w+|{AMOUNT})\s+(?:\w+\s+){{0,4}}(?:via|through|by|with|on|"
    rf"using)\s+(?:a\s+)?{_RAILS}",
    rf"(?:takes?|accepts?)\s+(?:only\s+)?(?:payment\s+)?(?:only\s+)?(?:through|via|by|in|with)?\s*"
    rf"(?:a\s+)?{_RAILS}|{_RAILS}\s+only|pay\s*pal\s+(?:f&f|friends)|friends\s+(?:and|&)\s+family",
    r"(?:go|head)\s+to\s+(?:a|the|any)?\s*(?:bitcoin|crypto)\s+atm",
    # Reshipping: goods received at home and sent on to someone else.
    r"reship\w*|re-ship\w*|forward\s+the\s+(?:packages?|parcels?)",
    r"(?:relabel|re-label|repack)\w*\b[^.!?\n]{0,60}?\b(?:ship|send|sent|forward|mail|post|"
    r"customers|"
    r"overseas|abroad|addresses)|(?:ship|send|sent|forward)\w*\b[^.!?\n]{0,60}?\b(?:relabel|"
    r"re-label|"
    r"repack)\w*",
    r"(?:receiving|shipping|logistics|forwarding)\s+agent|(?:dispatch|forward|"
    r"reship)\w*\s+(?:\w+\s+)?"
    r"(?:shipments|parcels|packages)\s+(?:overseas|abroad)|consolidated\s+(?:shipments|labels?)",
    r"(?:receive|accept|collect)\s+(?:\w+\s+){0,3}(?:packages|parcels|shipments)\s+(?:for\s+(?:me|"
    r"us)|"
    r"(?:at|to)\s+(?:your\s+|ur\s+)?(?:home|house|address|place))|(?:per|each|a)\s+parcel\b",
    r"forward\s+(?:it|them)\s+to\s+(?:our|my|the)\s+(?:\w+\s+){0,2}(?:warehouse|crew|hub|centre|"
    r"center|"
    r"depot)|forward\s+(?:it|them)\s+to\b[^.!?\n]{0,40}\babroad",
    r"(?:with|using)\s+the\s+(?:\w+\s+)?labels?\s+(?:we|i)(?:'ll|\s+will)?\s+(?:e-?mail|send|"
    r"upload|"
    r"attach|print)",
    r"settle\s+the\s+invoice|(?:pay|paid|paying)\s+(?:our|the|their)\s+(?:\w+\s+)?(?:partner|"
    r"vendor|"
    r"supplier|it\s+guy|installer|technician|mover|officer|agent|broker|lawyer|notary|coordinator)",
    r"release\s+the\s+(?:contract|job|funds|payment)\s+(?:after|once|when)",
    # Clients pay freelancers; a freelancer asked to pay for something is the scam.
    r"(?:you|u)\s+(?:will\s+|'ll\s+)?(?:only\s+)?(?:need\s+to\s+|must\s+|have\s+to\s+|should\s+)?"
    r"(?:pay|cover)\b[^.!?\n]{0,30}?(?:fee|deposit|insurance|shipping|delivery\s+charge|charge|"
    + AMOUNT
    + r")",
    r"(?:escrow|account|profile|job|contract|receiving\s+account)\s+(?:activation|unlock)",
    # Paying to unlock one's own money: "a $300 deposit to unlock $28,000".
    r"(?:deposit|fee|payment|pay|transfer|send)\b[^.!?\n]{0,30}?\bto\s+(?:unlock|unfreeze|"
    r"withdraw|activate)\b",
    r"activate\s+(?:your|ur|the)\s+(?:\w+\s+){0,2}account\s+(?:with|by)",
    # Money mules: the freelancer's account receives and forwards someone else's money.
    r"keep\s+(?:\d+\s?%|a\s+(?:cut|percentage|commission))\s+(?:of|from)\s+(?:every|each|the)",
    r"cash\s+(?:them|the\s+(?:checks|cheques))|wire\s+the\s+(?:proceeds|funds|money|rest)",
    r"(?:receive|accept)\s+(?:\w+\s+){0,2}payments?\s+(?:to|into|in|on|through)\s+your\s+"
    r"(?:\w+\s+)?account|forward\s+(?:them|the\s+(?:money|funds|payments?))|"
    r"(?:payment|financial|money)\s+(?:processor|agent|representative|transfer\s+agent)",
)

_NOT_THE_READER = re.compile(
    r"(?:(?<![a-z'])(?:i|we)(?:'d|'ll|'m|'re|\s+would|\s+will|\s+can|\s+could|\s+shall|\s+am|"
    r"\s+are|\s+already|\s+just|\s+also|\s+happily|\s+gladly|\s+usually|\s+always)*(?:\s+(?:like|"
    rf"love|happy|glad|going|want|plan|be|prefer|need)(?:\s+to)?)?(?:\s+(?:also|just|then))?|"
    rf"{THIRD_PARTY})\s+$"
)

# Verbs whose subject is the payer: only for them does it matter who is speaking.
_PAYER_VERB = re.compile(
    r"(?:pay|pays|paying|paid|buy|buys|purchase|purchases|order|get|cover|book|rent|settle|"
    r"transfer|"
    r"lodge|make|place|put|requires?|needs?)\b"
)

# "I was charged a processing fee": the client reporting a fee it paid.
_CHARGED_TO_CLIENT = re.compile(
    r"(?<![a-z])(?:i|we)(?:\s+was|\s+were|\s+got|'ve\s+been|\s+have\s+been)\s+charged\s+"
    r"(?:a|an|the)?\s*$"
)


def _paid_by_reader(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start]
    if _CHARGED_TO_CLIENT.search(before) or not not_negated(text, start):
        return False
    return not _PAYER_VERB.match(text, start) or _NOT_THE_READER.search(before) is None


# A price in a sentence about the client's own customers or product is the subject of the work
# ("our course is $200 per student", "pricing page: membership $9.99"); "your fee", "rush fee"
# and "bonus" are the reader's income.
_PRODUCT_CONTEXT = family(
    r"(?:our|their|your|for|to|the|each|every|per)\s+(?:customers?|users|students?|buyers?|"
    r"shoppers?|"
    r"subscribers?|visitors?|patients?|guests?|donors?|attendees|members)|customers|"
    r"pricing|price\s+list|product\s+pages?|landing\s+page|checkout|tiers?|"
    r"our\s+(?:products?|course|courses|app|store|shop|program|plans?|members)|design|mockup"
)

_READERS_INCOME = re.compile(
    r"(?<![a-z])(?:your|ur|rush|revision|kill|cancellation|late|hourly|project|bonus|"
    r"my\s+usual|fixed|agreed|total|proposed|quoted|consulting|editing|monthly|retainer)\s+$"
)


# A fee of nothing, or one waived: "the return shipping fee of $0 was waived".
_NO_CHARGE = re.compile(r"(?:[$£€]\s?0(?:[.,]0+)?(?![\d.,])|\bwaived\b|\bno\s+charge\b)")


# A payment already made: "a charge of $1,240.00 was made", "amount paid: $2,395.00" (a receipt
# or an alert, which asks for nothing).
_ALREADY_PAID = family(
    r"(?:was|were|has\s+been|have\s+been)\s+(?:made|charged|paid|processed|debited|billed|"
    r"invoiced|received|refunded|approved|posted)",
    r"amount\s+paid|paid\s+in\s+full|(?:invoiced|billed|charged)\s+to\s+(?:your\s+|the\s+|our\s+)?"
    r"(?:\w+\s+)?(?:company|corporate|employer|cost\s+cent(?:er|re)|account|card|department)",
)


# An hourly amount is a wage: "paid training ($15/hr)".
_WAGE = re.compile(r"\s*(?:/\s*(?:hr|hour|h)\b|per\s+hour|an\s+hour|hourly)")


def _priced_for_reader(text: str, match: re.Match[str]) -> bool:
    start = match.start()
    if not _paid_by_reader(text, start) or _READERS_INCOME.search(text[max(0, start - 20) : start]):
        return False
    if _WAGE.match(text, match.end()):
        return False
    sentence = sentence_around(text, start, match.end())
    return not any(
        pattern.search(sentence) for pattern in (_PRODUCT_CONTEXT, _NO_CHARGE, _ALREADY_PAID)
    )


def asks_for_money(text: str) -> bool:
    if any_match(_MONEY_UPFRONT, text, _paid_by_reader):
        return True
    return any(_priced_for_reader(text, match) for match in _PRICED.finditer(text))
