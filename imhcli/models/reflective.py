"""Reflective models: the headings a written reflection follows, and where each comes from.

`imh new reflection --model NAME` writes a model's sections as headings, with the
prompts as HTML comments; a requirement rule may ask for a model's sections (the NMC
written reflective account asks for :data:`NMC_FORM_SECTIONS`). The prompts are imh's
own words; the headings follow each model's published stages.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple


class Section(NamedTuple):
    title: str
    prompt: str


class ReflectiveModel(NamedTuple):
    name: str
    source: str
    sections: tuple[Section, ...]


#: The four sections of the NMC's written reflective account form, in its order.
#: One constant for the template that writes them and the rule that requires them.
NMC_FORM_SECTIONS: tuple[str, ...] = (
    "What was the nature of the CPD activity, event or experience?",
    "What did you learn?",
    "How did you change or improve your practice?",
    "How is this relevant to the Code?",
)

#: The four themes of the NMC Code, as a reflective account names them.
CODE_THEMES: tuple[str, ...] = (
    "Prioritise people",
    "Practise effectively",
    "Preserve safety",
    "Promote professionalism and trust",
)

_NMC_PROMPTS = (
    "A CPD activity, a piece of practice-related feedback, or an event or experience in "
    "your practice. Roles and ages only, never names.",
    "What you learned from it, about the baby, the parent, the relationship and yourself.",
    "What you now do differently, or will, and how you will know it helps.",
    "Tick the themes of the Code it relates to, and say how.",
)

MODELS: tuple[ReflectiveModel, ...] = (
    ReflectiveModel(
        "Gibbs",
        "Gibbs, G. (1988) Learning by Doing: a guide to teaching and learning methods. "
        "Further Education Unit, Oxford Polytechnic.",
        (
            Section("Description", "What happened? Who was there (roles, not names)?"),
            Section(
                "Feelings",
                "What were you thinking and feeling? What might the baby and parent have felt?",
            ),
            Section("Evaluation", "What went well, and what did not?"),
            Section("Analysis", "What sense can you make of it? What theory or research helps?"),
            Section("Conclusion", "What else could you have done?"),
            Section("Action plan", "What will you do next time, and what do you need to learn?"),
        ),
    ),
    ReflectiveModel(
        "Driscoll",
        "Driscoll, J. (2007) Practising Clinical Supervision: a reflective approach for "
        "healthcare professionals, 2nd edn. Baillière Tindall (after Borton, 1970).",
        (
            Section(
                "What? Returning to the situation",
                "Describe the event, your part in it and the baby's experience of it.",
            ),
            Section(
                "So what? Understanding the context",
                "What did it mean for the infant, the parent and you? What shaped how you acted?",
            ),
            Section(
                "Now what? Modifying future outcomes",
                "What will you do differently, and how will you know it helped?",
            ),
        ),
    ),
    ReflectiveModel(
        "Kolb",
        "Kolb, D. A. (1984) Experiential Learning: experience as the source of learning and "
        "development. Prentice Hall.",
        (
            Section("Concrete experience", "What happened, as you lived it?"),
            Section(
                "Reflective observation",
                "Looking back: what did you notice, in the baby, the parent and yourself?",
            ),
            Section(
                "Abstract conceptualisation",
                "What do you make of it? Which ideas, theory or research explain it?",
            ),
            Section(
                "Active experimentation",
                "What will you try next time, and how will you see whether it works?",
            ),
        ),
    ),
    ReflectiveModel(
        "Rolfe",
        "Rolfe, G., Freshwater, D. and Jasper, M. (2001) Critical Reflection for Nursing and "
        "the Helping Professions: a user's guide. Palgrave.",
        (
            Section("What?", "Describe the situation: what happened, your part, the outcome."),
            Section(
                "So what?",
                "What does it tell you about your practice, the family and the relationship? "
                "What knowledge helps you understand it?",
            ),
            Section("Now what?", "What do you need to do, learn or change, and what might follow?"),
        ),
    ),
    ReflectiveModel(
        "Johns",
        "Johns, C. (1995) Framing learning through reflection within Carper's fundamental "
        "ways of knowing in nursing. Journal of Advanced Nursing 22(2), 226-234; the model "
        "for structured reflection, revised in Johns, C., Becoming a Reflective Practitioner "
        "(Wiley-Blackwell).",
        (
            Section("Description", "Describe an experience that seems significant to you."),
            Section(
                "Reflection",
                "What were you trying to achieve? Why did you act as you did? "
                "What were the consequences for the baby, the parent and you?",
            ),
            Section(
                "Influencing factors",
                "What inside you and around you (time, the setting, knowledge, expectations) "
                "shaped what you did?",
            ),
            Section(
                "Alternative strategies",
                "Could you have dealt with it better? What other choices were there, "
                "and what might they have led to?",
            ),
            Section(
                "Learning",
                "How do you make sense of it now, and how will it change your practice? "
                "Which ways of knowing did it draw on: empirical, ethical, personal, aesthetic?",
            ),
        ),
    ),
    ReflectiveModel(
        "Schön",
        "Schön, D. A. (1983) The Reflective Practitioner: how professionals think in action. "
        "Basic Books.",
        (
            Section("The situation", "What was happening, and what made it uncertain or new?"),
            Section(
                "Reflection in action",
                "While it was happening: what did you notice, and how did you adjust?",
            ),
            Section(
                "Reflection on action",
                "Looking back: what do you understand now that you did not at the time?",
            ),
            Section("What I take forward", "What will you do, or watch for, next time?"),
        ),
    ),
    ReflectiveModel(
        "NMC",
        "Nursing and Midwifery Council, written reflective accounts form (revalidation); "
        "The Code: professional standards of practice and behaviour for nurses, midwives "
        "and nursing associates (2015, updated 2018).",
        tuple(Section(t, p) for t, p in zip(NMC_FORM_SECTIONS, _NMC_PROMPTS, strict=True)),
    ),
)

#: Other names a practitioner writes for a model, as :func:`model_key` gives them.
ALIASES: dict[str, str] = {"nmc form": "NMC", "nmc reflective account": "NMC"}


def model_key(name: str) -> str:
    """``name`` folded for matching: case and accents ignored, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


_BY_KEY = {model_key(m.name): m for m in MODELS}


def find_model(name: str) -> ReflectiveModel | None:
    """The model ``name`` means (``schon`` is Schön, ``NMC form`` is NMC), or None."""
    key = model_key(name)
    key = model_key(ALIASES.get(key, key))
    return _BY_KEY.get(key)


def model_names() -> list[str]:
    """Every model's name, in the order the help lists them."""
    return [m.name for m in MODELS]
