"""Given names: splitting a typed name into the four parts, and suggesting the gender.

Compound names are one part: «عبد الله», «عبد الرحمن», «أبو بكر», «نور الدين», «جار الله» stay
together whichever way they are spelt (the same rules as the search form, `arabic.normalize`).

The gender is only suggested, for the receptionist to confirm: common names of either gender
are listed (in their search form, so every spelling meets), compounds («عبد …», «أبو …»,
«… الدين», «… الله») are men's, and names ending in «ة» or «اء» are mostly women's (the
listed men's names such as «حمزة», «أسامة», «علاء» come first). A name that is in no list
gets no suggestion.
"""

from __future__ import annotations

from basmat_desk.domain.arabic import normalize
from basmat_desk.domain.enums import Gender


def _forms(names: str) -> frozenset[str]:
    return frozenset(normalize(name).replace(" ", "") for name in names.split())


MALE_NAMES = _forms(
    """
    محمد أحمد محمود مصطفى علي عمر عثمان خالد فهد سعد سعود سلطان فيصل ناصر سلمان تركي بندر
    ماجد إبراهيم يوسف حمد منصور مشعل نايف حسن حسين صالح سعيد ياسر وليد عادل مساعد راشد زياد
    يحيى موسى عيسى هاني طارق بدر ثامر نواف مشاري متعب ريان أنس أسامة حمزة طلحة عبيدة معاوية
    عكرمة حذيفة قتادة عطية علاء بهاء ضياء زكريا زكرياء حامد مازن فواز غازي جابر عوض سليمان
    مبارك مطلق فالح عايض ظافر مفلح سالم مرزوق دخيل عواد مسفر حمود زيد فرحان مصلح شبيب عيد هادي
    عبدو نبيل جمال كمال هشام سامي رامي فادي شادي عماد إياد مهند معاذ بلال إسماعيل إسحاق يعقوب
    هارون داود سليم كريم رياض أيمن أمين مروان عدنان قاسم جاسم فارس نادر نزار وائل باسل باسم
    حاتم حازم عاصم هيثم أكرم أشرف رائد ماهر منير شريف لؤي نواف مرتضى مجتبى مهدي يزيد رشيد
    عامر سامر ثامر عمار ياسين طه حسام عصام بسام سهيل إدريس لقمان صهيب خباب سفيان مالك أنور
    """
)

FEMALE_NAMES = _forms(
    """
    فاطمة نورة مريم سارة عائشة خديجة هيا منيرة لطيفة حصة الجوهرة نوف ريم أمل هند أسماء سلمى
    ليلى منى هدى رقية زينب جميلة شيخة موضي بدرية العنود البندري دانة لمى رهف غادة وعد أروى
    سمية عبير نجلاء مها رنا أمينة حليمة صفية آمنة آلاء جواهر مشاعل عفاف نجوى سلوى بشرى ندى
    رشا هيفاء وفاء علياء شيماء رجاء صفاء سناء هناء دعاء ضحى لجين جود شهد رغد رزان دلال وداد
    سعاد نوال منال أمال ابتسام إيمان حنان جنان بيان سوسن ياسمين نسرين شيرين رحاب سحر ريهام
    أفنان تهاني أماني غدير عبلة حياة نادية هالة سهام إلهام وجدان أنفال تسنيم رؤى ميار جنى
    لولوة نوير عزيزة فوزية بدور ملاك ليان تالا سديم سجى روان رنيم مرام
    """
)

#: Endings that mark most women's names (ة is "ه" in the search form).
_FEMALE_ENDINGS = ("ه", "اء")
_SERVANT = "عبد"  # «عبد الله», «عبد الرحمن» …: men's names
_FATHER_OF = "ابو"  # «أبو بكر»: a man's name
_MEN_COMPOUND_ENDINGS = ("الدين", "الله")  # «نور الدين», «جار الله»
#: "son of" / "daughter of" between the parts of a name («محمد بن سعد»): not a part itself.
_LINKS = frozenset({"بن", "ابن", "بنت"})


def suggest_gender(first_name: str) -> Gender | None:
    """The likely gender of a first name, or None when the name does not say."""
    key = normalize(first_name).replace(" ", "")
    if key in MALE_NAMES:
        return Gender.MALE
    if key in FEMALE_NAMES:
        return Gender.FEMALE
    compound = (key.startswith((_SERVANT, _FATHER_OF)) and len(key) > len(_SERVANT)) or (
        key.endswith(_MEN_COMPOUND_ENDINGS) and len(key) > len("الدين")
    )
    if compound:
        return Gender.MALE
    if key.endswith(_FEMALE_ENDINGS) and len(key) > 2:
        return Gender.FEMALE
    return None


def split_name(text: str) -> list[str]:
    """The parts of a typed name, compounds kept together and spelt as typed, the links «بن» and
    «بنت» left out: «محمد بن عبد الله القحطاني» → [«محمد», «عبد الله», «القحطاني»]."""
    words = [word for word in text.split() if normalize(word) not in _LINKS]
    parts: list[str] = []
    index = 0
    while index < len(words):
        end = index + 1
        # One more word belongs to this part while the search form joins them into one.
        while end < len(words) and len(normalize(" ".join(words[index : end + 1])).split()) == 1:
            end += 1
        parts.append(" ".join(words[index:end]))
        index = end
    return parts


#: The name fields in order, for filling the form from a split name.
NAME_FIELDS = ("first_name", "father_name", "grandfather_name", "family_name")


def name_fields(text: str) -> dict[str, str]:
    """A typed name spread over the form's four parts: one part is the first name; two, the
    first and family names; three, first, father and family; four or more, all four (the
    family name takes the rest)."""
    parts = split_name(text)
    if not parts:
        return {}
    if len(parts) == 1:
        return {"first_name": parts[0]}
    if len(parts) == 2:
        return {"first_name": parts[0], "family_name": parts[1]}
    if len(parts) == 3:
        return {"first_name": parts[0], "father_name": parts[1], "family_name": parts[2]}
    head = dict(zip(NAME_FIELDS[:3], parts[:3], strict=True))
    return {**head, "family_name": " ".join(parts[3:])}
