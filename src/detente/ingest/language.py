"""Language identification, light enough to run on every document: writing system, then function words.

Only English is coded; the job here is to tell English from the rest reliably and name the rest when the
evidence is clear. A document too short or too mixed to judge gets ``None`` and is treated as English.
The function-word lists were written for detente from general knowledge of each language.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

MIN_WORDS = 8
"""Fewer Latin-script words than this is too little evidence to call a document non-English."""

MIN_HITS = 5
"""Function words needed before naming a language."""

_ASCII_LETTERS = re.compile(r"[A-Za-z]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

FUNCTION_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the of and to in is that for it was on with as by at from this be are have has had not but "
        "which were they he she his her their an will would said who been its or after about than also",
        "de": "der die das und ist nicht zu den von mit sich des auf für im dem ein eine einen auch es an "
        "als nach wie aus bei sind wird wurde hat oder aber noch zum zur über sie er",
        "fr": "le la les et des est un une du en que qui dans pour pas sur au aux plus ne se par il elle "
        "ont avec son sa ses été cette mais ou nous vous leur sont être",
        "es": "el la los las de y que en un una es por con para del al se no lo su sus como más pero "
        "fue ha este esta entre sobre también sin ya muy han",
        "it": "il lo la gli le di e che è un una non in del della dei con si da al alla sono anche "
        "come più ma ha nel nella questo questa essere stato",
        "pt": "o a os as de e que do da dos das em um uma para com não no na por se mais foi ao como "
        "mas ele ela são também pelo pela seu sua já",
        "nl": "de het een en van is dat in op te voor met niet zijn er aan ook als bij door maar om "
        "naar dan wordt werd heeft hebben deze was of uit",
        "pl": "i w z na się nie do to że jest o jak po co ale od za przez dla tak jego już są był była "
        "było może tylko ich przy oraz",
        "tr": "ve bir bu da de için ile olarak olan çok daha gibi ama en ne değil var kadar sonra "
        "göre ise her şey ki mi o",
        "sv": "och i att det som en på är av för med till den har de inte om ett men var sig så från "
        "vid kan också efter eller",
        "da": "og i at det som en på er af for med til den har de ikke om et men var sig så fra ved "
        "kan også efter eller blev",
        "no": "og i at det som en på er av for med til den har de ikke om et men var seg så fra ved "
        "kan også etter eller ble",
        "fi": "ja on ei se että hän oli ovat mutta kun myös tai joka sen ne mitä niin kuin jo vain "
        "olla ole hänen tämä",
        "ro": "și în de la cu pe că nu a o un este din care pentru mai se sunt au fost sau dar ca lui "
        "acest această",
        "cs": "a v se na je že to s z o do k jako ale by i pro jsou byl která který podle také jeho není po",
        "hu": "a az és hogy nem is egy van meg ez de már csak mint volt még ha el kell után azt pedig vagy",
        "id": "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke ada oleh karena "
        "mereka kami adalah telah bisa",
        "vi": "và của là có được trong cho những một các với không này đã người khi đến từ về như cũng "
        "để theo sẽ đó nhưng rằng họ",
        "sw": "na ya wa kwa katika ni za la kuwa hiyo huo hii ambao ambayo pia lakini kama sana baada "
        "zaidi alisema yake wake",
        "tl": "ang ng mga sa na ay si ni para kay hindi ito siya niya kanilang noong mula kung nang rin din",
        "hr": "je i u na da se za su od sa koji što kao ali iz po bio bila će to ne kako nije koja",
        "sk": "je na sa že to do ako aj by pre od po ale ktorý ktorá bol bola sú nie sme som",
        "ru": "и в не на что с по как это он она к из у за о от для же но так его был была были все "
        "также который бы",
        "uk": "і в не на що з по як це він вона до із у за про від для же але так його був була були "
        "також який та",
        "bg": "и в не на че с по като това той тя до от за се са е да но така беше бяха също който",
        "sr": "и у не на да је се за од са то као што али из по био била су који",
    }.items()
}

_LANGUAGES_OF: dict[str, tuple[str, ...]] = {}
for _lang, _words in FUNCTION_WORDS.items():
    for _word in _words:
        _LANGUAGES_OF[_word] = (*_LANGUAGES_OF.get(_word, ()), _lang)

_SCRIPT_LANGUAGE = {
    "ARABIC": "ar",
    "HEBREW": "he",
    "GREEK": "el",
    "DEVANAGARI": "hi",
    "BENGALI": "bn",
    "THAI": "th",
    "GEORGIAN": "ka",
    "ARMENIAN": "hy",
    "HANGUL": "ko",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "CJK": "zh",
    "TAMIL": "ta",
    "ETHIOPIC": "am",
}
_CYRILLIC_LANGUAGES = ("ru", "uk", "bg", "sr")
_LATIN_LANGUAGES = tuple(lang for lang in FUNCTION_WORDS if lang not in _CYRILLIC_LANGUAGES)


@lru_cache(maxsize=8192)
def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else ""


def scripts(text: str, sample: int = 5000) -> Counter[str]:
    """Letters per writing system ("LATIN", "CYRILLIC", "CJK", ...) in the first ``sample`` characters."""
    head = text[:sample]
    counts = Counter(_script(ch) for ch in _NON_ASCII.findall(head) if ch.isalpha())
    ascii_letters = len(_ASCII_LETTERS.findall(head))
    if ascii_letters:
        counts["LATIN"] += ascii_letters
    return counts


def detect(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little evidence."""
    counts = scripts(text)
    letters = sum(counts.values())
    if letters < 20:
        return None
    kana = counts["HIRAGANA"] + counts["KATAKANA"] + counts["KATAKANA-HIRAGANA"]
    if kana > 0.05 * letters and kana + counts["CJK"] > 0.5 * letters:
        return "ja"
    script, share = counts.most_common(1)[0]
    if share / letters < 0.5:
        return None
    if script in _SCRIPT_LANGUAGE:
        if script == "ARABIC":
            return _arabic_script(text)
        return _SCRIPT_LANGUAGE[script]
    if script == "CYRILLIC":
        return _by_function_words(text, _CYRILLIC_LANGUAGES) or "ru"
    if script == "LATIN":
        return _by_function_words(text, _LATIN_LANGUAGES)
    return None


def _arabic_script(text: str) -> str:
    persian = sum(text.count(ch) for ch in "پچژگی")
    urdu = sum(text.count(ch) for ch in "ٹڈڑےھ")
    if urdu > 5:
        return "ur"
    return "fa" if persian > 5 else "ar"


def _by_function_words(text: str, languages: tuple[str, ...]) -> str | None:
    # one-letter words ("a", "o", "i", "y") are too ambiguous, and abound in tables and abbreviations
    words = [w.lower() for w in _WORD.findall(text[:5000]) if len(w) > 1]
    if len(words) < MIN_WORDS:
        return None
    counted = Counter(words)
    hits = dict.fromkeys(languages, 0)
    for word, n in counted.items():
        for lang in _LANGUAGES_OF.get(word, ()):
            if lang in hits:
                hits[lang] += n
    best = max(hits, key=lambda lang: hits[lang])
    if hits[best] < MIN_HITS or hits[best] / len(words) < 0.06:
        return None
    if best != "en" and "en" in hits:
        # words both languages share ("in", "no", "per") say nothing; English ones nearly as common as the
        # other language's own mean tables, names or mixed text, and the document stays English
        own = FUNCTION_WORDS[best] - FUNCTION_WORDS["en"]
        english = FUNCTION_WORDS["en"] - FUNCTION_WORDS[best]
        if 1.5 * sum(n for w, n in counted.items() if w in english) >= sum(
            n for w, n in counted.items() if w in own
        ):
            return None
    return best


def is_english(text: str) -> bool:
    """True unless the text is confidently in another language."""
    language = detect(text)
    return language in (None, "en")
