"""Site furniture: the rule table and the code that turns a rule hit into a removal.

Each rule is data: a pattern, the ``kind`` and ``reason`` recorded with the removal, how far
a hit reaches (``scope``) and where it must sit (``anchor``). Keeping them in one table, as
trafilatura keeps its boilerplate lists and datatrove its filter word lists, lets a reader see
every reason text can disappear, and lets ``scripts/clean_report.py`` count hits per rule.

Scopes
    match     only the text the pattern matched
    sentence  the sentence holding the hit; if that "sentence" is a long run-on block (no
              punctuation in scraped furniture), only the match, so news is never swept along
    block     the line / padded block holding the hit when it is short, else as ``sentence``
    caption   a picture credit: the caption it closes (see ``_caption_start``)
    unit      the sentence that the hit opens, whatever follows in it ("FILE - ..." captions)
    headline  a "READ MORE:"-style marker and the linked headline after it, when its end can
              be told; otherwise only the marker

Each rule also has trigger strings (``TRIGGERS``): the regex runs only on texts that contain
one, which keeps the whole table cheap on the many articles that hold no furniture at all.

Anchors
    any       anywhere
    start     the hit must open a sentence or a block (furniture is never mid-sentence)
    whole     the hit must cover its whole sentence (bar closing punctuation)

Furniture is only ever removed when a rule is specific to it; a sentence that reports news is
never dropped for sharing a word with furniture ("people were urged to sign up to the scheme").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from strikewatch.clean.segment import Segmentation

# Longest sentence a ``sentence``-scoped rule may remove whole. Real furniture sentences are
# short; a longer "sentence" is a run-on scrape where only the match is safe to take.
MAX_FURNITURE_SENTENCE = 320
MAX_FURNITURE_BLOCK = 600
# How much text a sentence-scoped hit may leave before and after it in its sentence and still
# take the sentence: "Sign up ... here." yes; "Sign up ... BST  Elsewhere, Russia's ..." no.
MAX_LEAD = 60
MAX_TRAIL = 80
# a capitalised word after the hit may open a sentence the scrape glued on: the hit stops there
_NEW_SENTENCE_WORD = re.compile(r"\s[A-Z][a-z]")


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: str
    kind: str
    reason: str
    scope: str = "match"
    anchor: str = "any"
    flags: int = 0


# A person's name as bylines write it: "Lorne Cook", "Jan M. Olsen", "O'Reilly". Whole words
# only, and never a role word, so "Reporter: Mark Lowen Camera/editor: ..." stays two credits.
_ROLE_WORD = (r"(?:Camera|Producers?|Produced|Reporter|Reporting|Editor|Editing|Edited|Video|Researchers?|"
              r"Shoot|Filmed|Design|Designed|Graphics|Illustrations?|Animation|Writing|Additional)\b")
_NAME = (r"(?!" + _ROLE_WORD + r")[A-Z][\w'’-]+(?![\w'’-])(?:\s(?:[A-Z]\.|(?!" + _ROLE_WORD
         + r")[A-Z][\w'’-]+(?![\w'’-])|de|van|von|da|al|bin)){0,3}")
_NAMES = rf"{_NAME}(?:(?:,\s|\sand\s|\s&\s|,\sand\s){_NAME})*"
_CREDIT_ROLE = (
    r"(?:Video(?:\s[Jj]ournalist|\sproduction|\sedit(?:ed|or|ing)?)?|Reporter|Reporting|"
    r"Producers?|Produced|Camera(?:/editor|\sand\sediting|\soperator)?|Shoot\sedit|Filmed|"
    r"Edited|Editor|Editing|Researchers?|Design(?:ed)?|Illustrations?|Graphics|Data\sjournalism|"
    r"Writing|Additional\sreporting|Animation)"
)
# A word of a contributor line: a capitalised word or initial, or one of the few lower-case
# words such lines hold ("Associated Press writers Lorne Cook in Brussels and ... contributed").
_CREDIT_WORD = (r"(?:[A-Z][\w'’.´-]*|and|in|at|from|of|the|on|journalists?|writers?|reporters?|"
                r"producers?|contributors?|photographers?|correspondents?|researchers?|staff|news|video|"
                r"data|also|[A-Z]\.)")
_CREDIT = rf"{_CREDIT_ROLE}(?:\sby)?\s?(?::|-|–|by)\s?{_NAMES}"

_SOCIAL = r"(?:Twitter|Facebook|Instagram|Telegram|TikTok|YouTube|Threads|LinkedIn|WhatsApp)"
_URL = r"(?:https?[:;]//|www\.)\S+"
# The rest of a furniture clause ("... on Twitter and Facebook for the latest news updates."):
# lower-case words, handles, links, times and the brand names such lines carry. A capitalised
# word ends it, so a run-on scrape ("... news and politics He said limited stocks ...") keeps
# its next sentence.
_TAIL = (r"(?:(?:\s+[–—-])?(?:,?\s+|\s*/\s*)(?:[a-z][\w'’-]*|[\w-]+(?:\.[a-z]{2,})+|@\w+|https?[:;]//\S+|"
         r"www\.\S+|\d{1,2}(?::\d\d)?\s?(?:am|pm)|BBC|BST|GMT|UK|US|First\sEdition|Global\sDispatch|"
         r"\(UK\sonly\)|" + _SOCIAL + r")){0,40}[.!?:]?")
_MONTH = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.|April|Apr\.|May|June|July|"
          r"Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")

RULES: tuple[Rule, ...] = (
    # --- picture captions: the credit closes the caption, so the credit is the marker -------
    Rule("caption_credit_colon",
         r"\((?:Pictures?|Photo(?:graph)?s?|Images?|Credits?|Pictured|Video|Footage)\s?:[^()\n]{1,120}\)",
         "caption", "picture credit '(Picture: ...)' closes a caption", "caption"),
    Rule("caption_credit_agency",
         r"\((?:[^()\n]{0,100}?\b)?(?:AP\sPhoto|Photo\sby|Getty\sImages|Getty|Pool\sPhoto|via\sAP|"
         r"via\sGetty(?:\sImages)?|via\sReuters|Shutterstock|Alamy|PA\s(?:Images|Wire|Media)|EPA-EFE|"
         r"Sipa\sUSA|SOPA\sImages|NurPhoto|Anadolu\sAgency)\b[^()\n]{0,100}\)",
         "caption", "photo agency credit closes a caption", "caption"),
    Rule("caption_bare_agency",
         r"\((?:AFP|Reuters|AP|PA|EPA|Getty|Sputnik|TASS|Anadolu|Xinhua|Ukrinform)\)(?=[ \t]*(?:\n|$))",
         "caption", "agency credit '(AFP)' ending a caption line", "caption"),
    Rule("caption_photograph",
         r"\bPhotograph:\s?[^\n]{0,90}?(?=\s{2,}|\n|$)",
         "caption", "'Photograph: ...' credit closes a caption", "caption"),
    Rule("caption_file_lead",
         r"FILE\s?[-–—]\s(?=[A-Z\"“])",
         "caption", "'FILE -' photo caption without its credit", "unit", "start"),
    Rule("caption_credit_line",
         r"(?:Image|Credit|Photo|Picture)s?\s?:\s?[A-Z][^\n]{0,80}?(?=\s*\n|\s*$|\s{3,})",
         "caption", "'Image:'/'Credit:' line", "block", "start"),

    # --- video players --------------------------------------------------------------------
    Rule("video_javascript",
         r"To\s+view\s+this\s+video\s+please\s+enable\s+JavaScript,?\s+and\s+consider\s+upgrading"
         r"\s+to\s+a\s+web\s+browser\s+that\s+supports\s+HTML5\s+video\.?",
         "video", "video placeholder 'enable JavaScript'"),
    Rule("video_unsupported",
         r"(?:Media\s+playback\s+is\s+(?:not\s+supported|unsupported)\s+on\s+(?:this|your)\s+device"
         r"|Your\s+browser\s+does\s+not\s+support\s+(?:the\s+)?(?:video|audio|HTML5\s+video)(?:\s+(?:tag|element))?"
         r"|This\s+video\s+(?:can\s?not|cannot)\s+be\s+played|Video\s+unavailable)\.?",
         "video", "video player message"),
    Rule("video_scroll",
         r"(?:Scroll\s+down\s+for\s+(?:the\s+)?video|Play\s+Video|Watch\s+the\s+video\s+(?:above|below))\.?",
         "video", "video pointer", "match", "start"),

    # --- newsletters and push alerts --------------------------------------------------------
    Rule("newsletter_breaking_alerts",
         r"For\s+free\s+real[- ]time\s+breaking\s+news\s+alerts\s+sent\s+straight\s+to\s+your\s+inbox,?"
         r"\s+sign\s+up\s+to\s+our\s+breaking\s+news\s+emails",
         "newsletter", "breaking-news e-mail prompt"),
    Rule("newsletter_sign_up",
         r"Sign\s+up\s+(?:to|for)\b[^.!?\n]{0,100}?\b(?:newsletters?|e-?mails?|alerts?|updates|"
         r"bulletins?|briefings?|notifications|Dispatch|First\s+Edition|inbox)\b" + _TAIL,
         "newsletter", "newsletter sign-up prompt", "sentence", "start"),
    Rule("newsletter_valid_email",
         r"Please\s+enter\s+a\s+valid\s+e-?mail(?:\s+address)?\.?",
         "newsletter", "newsletter form 'enter a valid email'"),
    Rule("newsletter_sign_up_button",
         r"\bSIGN\s+UP\b(?=\s+[A-Z]|\s*$)",
         "newsletter", "newsletter form button 'SIGN UP'"),
    Rule("newsletter_offers",
         r"I\s+would\s+like\s+to\s+be\s+emailed\s+about\s+offers,\s+events\s+and\s+updates\s+from\s+"
         r"[^.\n]{1,60}\.",
         "newsletter", "newsletter consent box"),
    Rule("newsletter_privacy",
         r"Read\s+our\s+privacy\s+(?:notice|policy)\.?",
         "newsletter", "newsletter privacy link"),
    Rule("newsletter_thanks",
         r"Thanks?\s+(?:you\s+)?for\s+(?:signing\s+up|subscribing)\b[^.!?\n]{0,120}(?:[.!]|(?=\n|$))",
         "newsletter", "newsletter confirmation 'Thanks for signing up'"),
    Rule("newsletter_device",
         r"You\s+can\s+now\s+also\s+get\s+[\w.]+\s+articles\s+sent\s+straight\s+to\s+your\s+device\.?",
         "newsletter", "push-alert prompt"),
    Rule("newsletter_spam_folder",
         r"(?:please\s+)?check\s+your\s+spam\s+folder\s+for\s+the\s+confirmation\s+e-?mail\.?",
         "newsletter", "newsletter confirmation note", "match", "any", re.I),
    Rule("newsletter_app",
         r"Download\s+(?:the|our)\s+[^.!?\n]{0,40}\bapp\b" + _TAIL,
         "newsletter", "app download prompt", "sentence", "start"),

    # --- "read more" links ------------------------------------------------------------------
    Rule("read_more_caps_line",
         r"READ\s+MORE\s+(?:ON|ABOUT)\s+[A-Z][A-Z0-9 ,'’&-]{1,60}(?=\s*\n|\s*$|\s+[A-Z][a-z])",
         "read_more", "'READ MORE ON ...' link"),
    Rule("read_more_headline",
         r"(?:READ\s+(?:MORE|ALSO|NEXT)|Read\s+(?:more|also|next)|MORE|Related|RELATED|"
         r"Also\s+read|Recommended|See\s+also)\s?:",
         "read_more", "'READ MORE:' link to another story", "headline", "start"),
    Rule("read_more_here",
         r"(?:You\s+can\s+)?[Rr]ead\s+more(?:\s+(?:here|about|on|from|of)\b[^.!?\n\"“”]{0,160}?\bhere\b)?"
         r"(?:\s+(?:-|–)\s+or\s+about\b[^.!?\n]{0,100})?[.!]?(?=\s|$)",
         "read_more", "'Read more ... here' link", "match", "start"),
    Rule("read_more_dash",
         r"Read\s+more\s+[-–]\s",
         "read_more", "'Read more -' link to another story", "headline", "start"),
    Rule("read_more_reality_check",
         r"Read\s+more\s+from\s+Reality\s+Check(?:\s+Send\s+us\s+your\s+questions)?",
         "read_more", "BBC Reality Check footer"),
    Rule("read_more_bare",
         r"(?:READ\s+MORE|Read\s+more|Read\s+More|More\s+on\s+this\s+story)\s?[:.]?",
         "read_more", "'Read more' link", "match", "whole"),
    Rule("click_here",
         r"\b[Cc]lick\s+(?:here|the\s+link|on\s+the\s+link)\b" + _TAIL + r"(?:\s*👉)?",
         "furniture", "'click here' link", "sentence"),

    # --- reader contact ---------------------------------------------------------------------
    Rule("contact_got_a_story",
         r"Got\s+a\s+story\?(?:\s+Get\s+in\s+touch\b(?:[^.!?\n]|\.(?=\w)){0,200}[.!?]?)?",
         "contact", "'Got a story? Get in touch' prompt"),
    Rule("contact_submit",
         r"(?:Or\s+)?you\s+can\s+submit\s+your\s+videos\s+and\s+pictures\s+here\.?",
         "contact", "reader submission prompt", "match", "start", re.I),
    Rule("contact_story_ideas",
         r"(?:You\s+can\s+also\s+)?(?:Send|send)\s+(?:your|us\s+your)\s+story\s+(?:ideas|suggestions|tips)\b"
         r"[^\n]{0,80}?(?:\S+@\S+?|here)(?=\.?(?:\s|$))\.?",
         "contact", "story-ideas e-mail line", "match", "start"),
    Rule("contact_story_suggestion",
         r"If\s+you\s+have\s+a\s+story\s+(?:suggestion|idea|tip)\b[^\n]{0,60}?\S+@\S+?(?=\.?(?:\s|$))\.?",
         "contact", "story-suggestion e-mail line", "match", "start"),
    Rule("contact_include",
         r"Please\s+include\s+(?:your\s+name|a\s+contact\s+number)\b[^.!?\n]{0,140}[.!?]",
         "contact", "reader submission instructions", "match", "start"),
    Rule("contact_get_in_touch",
         r"You\s+can\s+also\s+get\s+in\s+touch\s+in\s+the\s+following\s+ways\b",
         "contact", "reader contact form", "sentence", "start"),
    Rule("contact_questions",
         r"(?:Send\s+us\s+your\s+questions|Have\s+your\s+say|Tell\s+us\s+your\s+story)\b\.?",
         "contact", "reader question prompt", "match", "whole"),
    Rule("contact_pitch",
         r"(?:Do\s+you\s+)?[Hh]ave\s+a\s+compelling\s+personal\s+story\b[^?\n]{0,120}\?"
         r"(?:\s+Find\s+out\s+what\s+we[’']re\s+looking\s+for\s+here\s+and\s+send\s+us\s+a\s+pitch[.!]?)?",
         "contact", "reader pitch prompt", "match", "start"),
    Rule("contact_letters",
         r"Do\s+you\s+have\s+an\s+opinion\s+on\s+the\s+issues\s+raised\s+in\s+this\s+article\?"
         r"(?:\s+If\s+you\s+would\s+like\s+to\s+submit\s+a\s+(?:letter|response)\b[^\n]{0,200}?\S+@\S+?(?=\.?(?:\s|$))\.?)?",
         "contact", "letters-page prompt"),
    Rule("contact_investigative",
         r"Contact\s+AP[’'´`]?s\s+[^.\n]{0,60}\s+at\s+\S+@\S+?(?=\.?(?:\s|$))\.?",
         "contact", "AP contact line", "match", "start"),

    # --- social follow lines ----------------------------------------------------------------
    Rule("social_follow",
         r"(?:Why\s+not\s+)?[Ff]ollow\b(?:[^.!?\n]|\.(?=\w)){0,100}?(?:\bon\s+" + _SOCIAL + r"\b|\bat\s+" + _URL
         + r"|\sat\s+@\w+)" + _TAIL,
         "social", "social-media follow line", "sentence", "start"),
    Rule("social_find_us",
         r"(?:Find|Like|Join)\s+(?:us|[A-Z](?:[^.!?\n]|\.(?=\w)){0,60}?)\s+on\s+" + _SOCIAL + r"\b" + _TAIL,
         "social", "social-media prompt", "sentence", "start"),
    Rule("social_share",
         r"(?:Share\s+this\s+(?:article|story|page)(?:\s+on\s+\w+)?|Share\s+on\s+" + _SOCIAL
         + r"|Copy\s+link|Comments?\s+\(\d+\))\.?",
         "social", "share buttons", "match", "whole"),

    # --- other site furniture -------------------------------------------------------------
    Rule("more_stories",
         r"For\s+more\s+stories\s+like\s+this,?\s+check\s+our\s+[^.!?\n]{1,40}?page\.?",
         "furniture", "'For more stories like this' link"),
    Rule("advertisement",
         r"(?:ADVERTISEMENT|Advertisement)(?:\s*[-–]\s*(?:scroll|story)\s+continues\s+below)?"
         r"(?=\s+[A-Z“\"‘]|\s*$|\s*\n)",
         "furniture", "'Advertisement' label", "match", "start"),
    Rule("story_continues",
         r"(?:Story|STORY|Article|ARTICLE)\s+(?:continues|CONTINUES)\s+(?:below|BELOW)(?:\s+(?:advertisement|ADVERTISEMENT))?\.?",
         "furniture", "'Story continues below' label", "match", "start"),
    Rule("cookies",
         r"(?:We\s+use\s+cookies\b|(?:Accept|Reject|Manage)\s+(?:all\s+)?cookies\b|"
         r"By\s+(?:clicking|continuing|using\s+this\s+(?:site|website))\b[^.!?\n]{0,160}?\bcookies\b)" + _TAIL,
         "furniture", "cookie banner", "sentence", "start"),
    Rule("copyright",
         r"(?:The-CNN-Wire\s*™\s*&\s*)?(?:©|\(c\)|Copyright)\s*\d{4}\b[^\n]{0,120}?"
         r"(?:All\s+[Rr]ights\s+[Rr]eserved\.?|\.(?=\s|$)|(?=\s+The\s+BBC\s+is\s+not)|(?=\s*$))",
         "furniture", "copyright line", "match", "start"),
    Rule("all_rights",
         r"All\s+[Rr]ights\s+[Rr]eserved\.?", "furniture", "copyright line", "match", "start"),
    Rule("external_sites",
         r"The\s+BBC\s+is\s+not\s+responsible\s+for\s+the\s+content\s+of\s+external\s+sites\.?"
         r"(?:\s+Read\s+about\s+our\s+approach\s+to\s+external\s+linking\.?)?",
         "furniture", "external-links disclaimer"),
    Rule("external_linking",
         r"Read\s+about\s+our\s+approach\s+to\s+external\s+linking\.?",
         "furniture", "external-links disclaimer"),
    Rule("updated_note",
         r"This\s+(?:story|article)\s+(?:has\s+been|was)\s+updated\s+with\s+additional\s+(?:information|reporting)\.?",
         "furniture", "update note", "match", "whole"),
    Rule("syndication_note",
         r"This\s+(?:article|story)\s+was\s+(?:originally|first)\s+published\s+(?:by|in|on)\s+[^.\n]{1,80}?(?:\.|(?=\s*$))",
         "furniture", "syndication note", "match", "whole"),
    Rule("section_rule",
         r"(?<!\S)_{3,}(?!\S)", "furniture", "section rule '___'"),
    Rule("full_coverage",
         r"(?:Full|More|Follow\s+all)\s+(?:of\s+)?(?:AP(?:[’'´`]s)?\s+)?coverage\s+(?:of|on)\s+[^.\n]{0,80}?:?\s+"
         r"(?:at\s+)?https?[:;]//\S+?(?=\.?(?:\s|$))\.?",
         "read_more", "'Full coverage' link", "match", "start"),
    Rule("interactive_label",
         r"(?:Interactive|INTERACTIVE)", "furniture", "'Interactive' placeholder", "match", "whole"),
    Rule("bbc_sounds",
         r"(?:You\s+can\s+(?:hear|listen\s+to|watch)\s+[^.!?\n]{0,120}?\bon\s+(?:BBC\s+Sounds|(?:the\s+)?BBC\s+iPlayer)"
         r"|Watch\s+[^.!?\n]{0,120}?\bon\s+(?:the\s+)?BBC\s+iPlayer|Listen\s+(?:to\s+)?[^.!?\n]{0,120}?\bon\s+BBC\s+Sounds)"
         + _TAIL,
         "furniture", "BBC Sounds / iPlayer promotion", "sentence", "start"),

    # --- bylines and credits (only in their own furniture form) ----------------------------
    Rule("byline_contributed",
         r"(?:With\s)?(?:" + _CREDIT_WORD + r"[\s,;]+){1,40}?contributed\b(?:\s+(?:reporting|to\s+(?:this|the)\s+"
         r"(?:report|story|article)))?(?:\s+(?:from|in)(?:\s" + _CREDIT_WORD + r"){1,5})?[\s.]*",
         "byline", "contributor credit", "match", "whole"),
    Rule("byline_additional_reporting",
         r"\((?:Additional\s+)?[Rr]eporting\s+by\s[^()\n]{1,300}\)",
         "byline", "wire-service credit '(Reporting by ...)'"),
    Rule("byline_reporting_by",
         r"(?:With\s+)?(?:[Aa]dditional\s+)?[Rr]eporting\s+by\s?:?\s" + _NAMES
         + r"(?:\s(?:in|at)\s[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)?(?:[;,]\s+(?:[Ww]riting|[Ee]diting|"
         r"[Aa]dditional\s+reporting)\s+by\s" + _NAMES + r")*\.?",
         "byline", "reporting credit", "match", "start"),
    Rule("byline_video_credits",
         rf"{_CREDIT}(?:[,.]?\s{_CREDIT})*\.?",
         "byline", "video/production credits", "match", "start"),
    Rule("byline_by_end",
         r"By\s" + _NAME + r"(?:\s(?:and|&)\s" + _NAME + r")?\.?",
         "byline", "byline", "match", "whole"),

    # --- site furniture in other languages (a syndicated page's own menus) -------------------
    Rule("foreign_most_read",
         r"(?:I\s+più\s+letti|Più\s+letti|Lo\s+más\s+leído|Lo\s+más\s+visto|Les\s+plus\s+lus|Meistgelesen|"
         r"Mais\s+lidas)(?:\s+(?:in|en|em|de|da|del|di|in)\s+[\wÀ-ÿ]+){0,2}",
         "foreign", "site furniture in another language ('most read' box)", "match", "start"),
    Rule("foreign_read_also",
         r"(?:Leggi\s+anche|Lee\s+también|Lire\s+aussi|À\s+lire\s+aussi|Lesen\s+Sie\s+auch|Mehr\s+zum\s+Thema|"
         r"Leia\s+também|Leia\s+mais)\s?:?",
         "foreign", "site furniture in another language ('read also' link)", "headline", "start"),
    Rule("foreign_advert",
         r"(?:Pubblicità|Publicidad|Publicité|Anzeige|Publicidade|Werbung)",
         "foreign", "site furniture in another language ('advertisement' label)", "match", "whole"),
)


# Cheap pre-checks: a rule runs only on a text that contains one of its trigger strings
# (lower-case triggers are looked up in the lower-cased text, others as written). Most
# articles trigger few rules, so the regexes run on a small share of texts.
TRIGGERS: dict[str, tuple[str, ...]] = {
    "caption_credit_colon": ("picture", "pictures", "pictured", "photo", "photos", "photograph", "image",
                             "images", "credit", "credits", "video", "footage"),
    "caption_credit_agency": ("getty", "ap photo", "photo by", "pool photo", "via ap", "via reuters",
                              "via getty", "shutterstock", "alamy", "pa images", "pa wire", "pa media",
                              "epa-efe", "sipa usa", "sopa images", "nurphoto", "anadolu agency"),
    "caption_bare_agency": ("(afp)", "(reuters)", "(ap)", "(pa)", "(epa)", "(getty)", "(sputnik)",
                            "(tass)", "(anadolu)", "(xinhua)", "(ukrinform)"),
    "caption_photograph": ("Photograph:",),
    "caption_file_lead": ("FILE",),
    "caption_credit_line": ("image:", "credit:", "photo:", "picture:", "images:", "credits:", "photos:",
                            "pictures:"),
    "video_javascript": ("javascript",),
    "video_unsupported": ("playback", "does not support", "be played", "video unavailable"),
    "video_scroll": ("scroll down", "play video", "watch the video"),
    "newsletter_breaking_alerts": ("breaking news alerts",),
    "newsletter_sign_up": ("Sign",),
    "newsletter_valid_email": ("valid email", "valid e-mail"),
    "newsletter_sign_up_button": ("SIGN UP",),
    "newsletter_offers": ("emailed about offers",),
    "newsletter_privacy": ("privacy notice", "privacy policy"),
    "newsletter_thanks": ("for signing up", "for subscribing"),
    "newsletter_device": ("sent straight to your device",),
    "newsletter_spam_folder": ("spam folder",),
    "newsletter_app": ("Download the", "Download our"),
    "read_more_caps_line": ("READ MORE",),
    "read_more_headline": ("read more", "read also", "read next", "MORE:", "Related", "RELATED",
                           "also read", "Recommended:", "See also"),
    "read_more_here": ("read more",),
    "read_more_dash": ("Read more",),
    "read_more_reality_check": ("reality check",),
    "read_more_bare": ("read more", "More on this story"),
    "click_here": ("click here", "click the link", "click on the link"),
    "contact_got_a_story": ("Got a story",),
    "contact_submit": ("submit your videos",),
    "contact_story_ideas": ("story ideas", "story suggestions", "story tips"),
    "contact_story_suggestion": ("story suggestion", "story idea", "story tip"),
    "contact_include": ("Please include",),
    "contact_get_in_touch": ("following ways",),
    "contact_questions": ("Send us your questions", "Have your say", "Tell us your story"),
    "contact_pitch": ("compelling personal story",),
    "contact_letters": ("issues raised in this article",),
    "contact_investigative": ("Contact AP",),
    "social_follow": ("follow",),
    "social_find_us": (" on facebook", " on twitter", " on instagram", " on telegram", " on tiktok",
                       " on youtube", " on threads", " on linkedin", " on whatsapp"),
    "social_share": ("share this", "share on", "copy link", "comments ("),
    "more_stories": ("more stories like this",),
    "advertisement": ("Advertisement", "ADVERTISEMENT"),
    "story_continues": ("continues below",),
    "cookies": ("cookies",),
    "copyright": ("©", "(c)", "Copyright"),
    "all_rights": ("all rights reserved",),
    "external_sites": ("external sites",),
    "external_linking": ("external linking",),
    "updated_note": ("updated with additional",),
    "syndication_note": ("originally published", "first published"),
    "interactive_label": ("Interactive", "INTERACTIVE"),
    "section_rule": ("___",),
    "full_coverage": ("coverage",),
    "bbc_sounds": ("bbc sounds", "iplayer"),
    "byline_contributed": ("contributed",),
    "byline_additional_reporting": ("reporting by",),
    "byline_reporting_by": ("reporting by",),
    "byline_video_credits": ("Video", "Reporter", "Reporting", "Producer", "Produced", "Camera",
                             "Shoot edit", "Filmed", "Edited", "Editor", "Editing", "Researcher",
                             "Design", "Illustration", "Graphics", "Data journalism", "Writing",
                             "Additional reporting", "Animation"),
    "byline_by_end": ("By ",),
    "foreign_most_read": ("più letti", "más leído", "más visto", "plus lus", "meistgelesen",
                          "mais lidas"),
    "foreign_read_also": ("leggi anche", "lee también", "lire aussi", "lesen sie auch",
                          "mehr zum thema", "leia também", "leia mais"),
    "foreign_advert": ("pubblicità", "publicidad", "publicité", "anzeige", "publicidade", "werbung"),
}


# Latin letters of the languages the rules and word lists cover; narrower than ``\w`` and
# about twice as fast to scan, which matters on a path every article takes.
_WORDS = re.compile(r"[a-zß-ÿ]+")


def text_words(lower: str) -> frozenset[str]:
    """The set of words of a lower-cased text: the gate for triggers, spun keys and lexicons."""
    return frozenset(_WORDS.findall(lower))


@dataclass(frozen=True)
class Trigger:
    needle: str                 # looked up in the text (lower-cased when ``lower``)
    lower: bool
    words: frozenset[str]       # all must be words of the text before the needle is looked up


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    regex: re.Pattern[str]
    triggers: tuple[Trigger, ...]


def _compile(rule: Rule) -> CompiledRule:
    triggers = tuple(
        Trigger(t, t == t.lower(), frozenset(_WORDS.findall(t.lower())))
        for t in TRIGGERS[rule.name]
    )
    return CompiledRule(rule, re.compile(rule.pattern, rule.flags), triggers)


COMPILED: tuple[CompiledRule, ...] = tuple(_compile(r) for r in RULES)


@dataclass(frozen=True)
class Removal:
    start: int
    end: int
    kind: str
    reason: str
    rule: str


# --- captions -----------------------------------------------------------------------------

# Where an AP-style caption begins when the scrape has glued it into running text: a "FILE -"
# tag, an "In this photo ..." lead-in, or the caption's own photo date ("Saturday, Aug. 27,
# 2022."), which article prose almost never spells out with the year.
_CAPTION_LEAD = re.compile(
    r"(?:FILE\s*[-–—]|In\s+this\s+(?:photo|image|handout|satellite|picture|undated|file)|"
    r"This\s+(?:photo|image|satellite\s+image|handout|picture)\b|[A-Z][\w ]{0,40}?\s+photo\s+(?:released|provided|taken)\b)"
)
_PHOTO_DATE = re.compile(_MONTH + r"\s\d{1,2},\s(?:19|20)\d\d\b")
_MAX_CAPTION_SENTENCES = 5


def _ends_unit(text: str, end: int) -> bool:
    """True when nothing but a line break, block break or a new sentence follows ``end``."""
    i = end
    n = len(text)
    while i < n and text[i] in " \t\xa0":
        i += 1
    if i >= n or text[i] == "\n" or i - end >= 2:
        return True
    if text[i] in ".;" or text.startswith("___", i):
        return True
    return text[i].isupper() or text[i] in "\"“‘'(" or text[i].isdigit()


MAX_CAPTION_BLOCK = 400


def _caption_start(seg: Segmentation, m_start: int, m_end: int, floor: int,
                   figure_credit: bool = False) -> int:
    """Start of the caption closed by a credit at ``m_start``."""
    text = seg.text
    bs, be = seg.block_at(m_start)
    if len(seg.blocks) > 1 and be - bs <= MAX_CAPTION_BLOCK and be - m_end <= 2 and bs >= floor:
        # a caption on its own line, or a "Photograph:" figure caption padded with spaces on
        # both sides (which may run to two sentences); a line holding news before the caption
        # is not one
        one_sentence = seg.units[seg.unit_at(m_start)].start <= bs or seg.unit_at(m_start) == seg.unit_at(bs)
        padded = text[max(0, bs - 3):bs] == "   " and (be >= len(text) - 1 or text[be:be + 3] == "   ")
        if one_sentence or (padded and figure_credit):
            return bs
    ui = seg.unit_at(m_start)
    units = seg.units
    # the credit may open its own "sentence" right after the caption's full stop
    if units[ui].start >= m_start - 1 and ui > 0 and units[ui - 1].block == units[ui].block:
        ui -= 1
    first = ui
    lo = max(ui - _MAX_CAPTION_SENTENCES + 1, 0)
    block = units[ui].block
    lead = None
    dated = None
    for j in range(ui, lo - 1, -1):
        u = units[j]
        if u.block != block or u.end <= floor:
            break
        if _CAPTION_LEAD.match(text, u.start):
            lead = j
            break
        if dated is None and _PHOTO_DATE.search(text, u.start, u.end):
            dated = j
    if lead is not None:
        first = lead
    elif dated is not None and ui - dated <= 2:
        first = dated
    return max(units[first].start, floor)


def _headline_end(seg: Segmentation, start: int, marker_end: int) -> int:
    """End of the linked headline after a "READ MORE:" marker, or the marker's end."""
    text = seg.text
    bs, be = seg.block_at(start)
    if be - bs <= 240:
        return be                               # the link sits on its own line or block
    ui = seg.unit_at(start)
    u = seg.units[ui]
    if u.end - start <= 120:
        return u.end                            # a short "sentence": the headline alone
    # headlines carry no full stop: stop before an opening quote or a sentence opener
    m = _HEADLINE_STOP.search(text, marker_end, min(u.end, marker_end + 160))
    if m:
        return m.start()
    return marker_end


_HEADLINE_STOP = re.compile(
    r"(?<=\S)\s+(?=[“\"]|(?:But|And|The|He|She|It|They|We|In|On|At|Mr|Ms|Mrs|This|That|However|"
    r"Meanwhile|Earlier|Later|According|Speaking|Writing|Asked|While|When|After|Russian|Ukrainian)\s)"
)


def _triggered(cr: CompiledRule, text: str, lower: str, words: frozenset[str]
               ) -> list[tuple[str, bool]]:
    return [(t.needle, t.lower) for t in cr.triggers
            if t.words <= words and t.needle in (lower if t.lower else text)]


def _whole_unit_hits(cr: CompiledRule, seg: Segmentation, lower: str,
                     needles: list[tuple[str, bool]]) -> list[tuple[int, int]]:
    """Hits of a rule that must fill its sentence: tried only on sentences holding a trigger."""
    text = seg.text
    seen: set[int] = set()
    out = []
    for needle, low in needles:
        hay = lower if low else text
        i = hay.find(needle)
        while i >= 0 and seg.units:
            ui = seg.unit_at(i)
            if ui not in seen:
                seen.add(ui)
                u = seg.units[ui]
                e = u.end
                while e > u.start and text[e - 1] in " .:!?;,":
                    e -= 1
                m = cr.regex.fullmatch(text, u.start, u.end) or cr.regex.fullmatch(text, u.start, e)
                if m:
                    out.append((m.start(), m.end()))
            i = hay.find(needle, i + 1)
    return out


def find_removals(seg: Segmentation, lower: str | None = None,
                  words: frozenset[str] | None = None) -> list[Removal]:
    text = seg.text
    if lower is None:
        lower = text.lower()
    if words is None:
        words = text_words(lower)
    units = seg.units
    unit_starts = {u.start for u in units}
    found: list[Removal] = []
    caption_floor = 0
    hits = []
    for cr in COMPILED:
        needles = _triggered(cr, text, lower, words)
        if not needles:
            continue
        if cr.rule.anchor == "whole":
            hits.extend((s, e, cr) for s, e in _whole_unit_hits(cr, seg, lower, needles))
            continue
        for m in cr.regex.finditer(text):
            if m.end() > m.start():
                hits.append((m.start(), m.end(), cr))
    hits.sort(key=lambda h: (h[0], -h[1]))
    for start, end, cr in hits:
        rule = cr.rule
        if rule.anchor == "start" and start not in unit_starts:
            # also accept a hit right after an earlier removal on the same line
            if not any(r.end <= start and not text[r.end:start].strip() for r in found[-3:]):
                continue
        s, e = start, end
        if rule.scope == "sentence" or rule.scope == "block":
            bs, be = seg.block_at(start)
            if rule.scope == "block" and be - bs <= MAX_FURNITURE_BLOCK:
                s, e = min(s, bs), max(e, be)
            else:
                # the whole sentence, when the hit is most of it: a run-on "sentence" where
                # the hit ends at a double space or a rule is furniture glued to news
                u = units[seg.unit_at(start)]
                ue = units[seg.unit_at(max(end - 1, start))]
                trail = text[end:ue.end]
                if (ue.end - u.start <= MAX_FURNITURE_SENTENCE
                        and start - u.start <= MAX_LEAD and len(trail) <= MAX_TRAIL
                        and "  " not in trail and "___" not in trail
                        and not _NEW_SENTENCE_WORD.search(trail)):
                    s, e = min(s, u.start), max(e, ue.end)
        elif rule.scope == "unit":
            u = units[seg.unit_at(start)]
            if u.end - u.start <= MAX_FURNITURE_SENTENCE:
                e = max(e, u.end)
        elif rule.scope == "caption":
            if _ends_unit(text, end):
                s = _caption_start(seg, start, end, caption_floor,
                                   figure_credit=rule.name == "caption_photograph")
                caption_floor = end
        elif rule.scope == "headline":
            e = max(e, _headline_end(seg, start, end))
        if e <= s or (found and any(r.start <= s and e <= r.end for r in found[-3:])):
            continue                            # already inside an earlier removal
        found.append(Removal(s, e, rule.kind, rule.reason, rule.name))
    found.sort(key=lambda r: (r.start, -r.end))
    return found
