"""A story's card: its facts as they stand after each report, and what a report changed.

A later count replaces an earlier one (a toll of 3 then 5 is 5, never 8); a lower count
told later by another outlet is a disagreement, kept as a range. Kinds, places and speakers
gather; the first weapon and day stay. Only render writes sentences from the card.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta

from bot.kinds import CASUALTY_FIGURES, KINDS
from bot.records import (
    Article,
    Attribution,
    Change,
    Event,
    EventKind,
    Figure,
    FigureName,
    PlaceLevel,
    PlaceMention,
    PlaceRole,
    Qualifier,
    Story,
    StoryStatus,
    Verification,
)
from bot.stories.same import place_key, revises, tells_rise

# Speakers whose word makes a story official: authorities, not outlets or witnesses.
_AUTHORITY = re.compile(
    r"governor|minist|military administration|general staff|air force|armed forces|"
    r"\bpolice\b|emergenc|\bmayor\b|head of|president|prosecutor|city council|"
    r"administration|spokes(?:man|woman|person)|commander|\bsbu\b|energoatom|\biaea\b|"
    r"ukrenergo|\bstaff\b|military|defen[cs]e",
    re.IGNORECASE,
)
# A report that takes back or contests what was said before.
_CORRECTION = re.compile(
    r"\bcorrect(?:ion|ed|s)\b|\bretract\w*|\bearlier reports? (?:was|were) (?:wrong|incorrect|false|"
    r"inaccurate)|\bdid not (?:happen|take place)|\bfake\b|\bdebunk\w*|\bden(?:y|ies|ied)\b|"
    r"спростув\w*|спростован\w*|опроверг\w*|не відповіда\w* дійсності|не соответству\w* действительности|"
    r"фейк\w*|"
    # The other side's version: the blame turned round, the target called military.
    r"\bprovocations?\b|\bstag(?:ed|ing)\b|\bdid not (?:fire|shell|strike|attack)\b|"
    r"\bmilitary (?:target|facility|site|object)s?\b|\bmercenar\w*|"
    r"провокац\w*|провокаці\w*|инсцен\w*|інсцен\w*|не обстрелива\w*|не обстрілю\w*|"
    r"пункт\w* временной дислокации|пункт\w* тимчасової дислокації|военн\w* объект\w*|"
    r"наемник\w*|найманц\w*|националист\w*",
    re.IGNORECASE,
)
# How long a story stands unconfirmed before an authority's word is news of its own.
CONFIRMATION_NEWS = timedelta(hours=2)
_RANK = {
    Verification.REPORTED: 0,
    Verification.CORROBORATED: 1,
    Verification.OFFICIAL: 2,
    Verification.DISPUTED: 3,
}


# A correction or denial of this incident is news told in the headline and lead; one far
# down a wire story is its boilerplate ("Moscow denies targeting civilians").
_LEAD = 400


def is_correction(article: Article, event: Event) -> bool:
    return (
        event.denied
        or bool(event.disputed_by)
        or bool(_CORRECTION.search(f"{article.title}\n{article.text[:_LEAD]}"))
    )


def verification(
    event: Event, outlets: tuple[str, ...], *, disputed: bool, official: bool = False
) -> Verification:
    """`official`: an official source (an oblast administration's channel) told it of its
    own side, or the story was official already."""
    if disputed:
        return Verification.DISPUTED
    if official or _authority(event.attribution):
        return Verification.OFFICIAL
    return Verification.CORROBORATED if len(outlets) >= 2 else Verification.REPORTED


def start(
    story_id: int,
    event: Event,
    outlet: str,
    article: Article,
    at: datetime,
    *,
    official: bool = False,
) -> Change:
    """A story from its first report; `official`: by an official source of its own side."""
    corrected = is_correction(article, event)
    story = Story(
        id=story_id,
        event=event,
        outlets=(outlet,),
        reports=1,
        verification=verification(event, (outlet,), disputed=corrected, official=official),
        first_seen=at,
        last_seen=at,
        corrected=corrected,
    )
    return Change(story, StoryStatus.NEW)


def add(
    story: Story,
    event: Event,
    outlet: str,
    article: Article,
    at: datetime,
    *,
    latest: bool,
    official: bool = False,
) -> Change:
    """The story after one more report; `latest`: the report is the newest yet told (a
    late-arriving older report never lowers a count)."""
    card = story.event
    figures = dict(card.figures)
    rose: list[FigureName] = []
    disagreed = False
    for name, fig in event.figures:
        now = figures.get(name)
        if now is None:
            figures[name] = fig
            rose.append(name)
        elif fig.value > _top(now):
            figures[name] = fig  # a later count replaces the earlier one: 3 → 5
            rose.append(name)
        elif _top(fig) < now.value and latest and outlet not in story.outlets[-1:]:
            # Told later, by another outlet, lower: the sources disagree; show the range.
            figures[name] = Figure(_top(fig), Qualifier.EXACT, upper=_top(now))
            disagreed = True
    kinds = tuple(k for k in event.kinds if k not in card.kinds)
    places = list(card.places)
    widened: list[str] = []
    for m in event.places:
        if not any(_same_place(m, p) for p in places):
            places.append(m)
            if _widens(card, event, m) and _WIDENED.search(
                f"{article.title}\n{article.text[:300]}"
            ):
                widened.append(m.place.name)
    speakers = tuple(dict.fromkeys((*card.attribution, *event.attribution)))
    corrected = is_correction(article, event)
    outlets = story.outlets if outlet in story.outlets else (*story.outlets, outlet)
    merged = replace(
        card,
        places=tuple(places),
        figures=tuple(figures.items()),
        attribution=speakers,
        weapon=card.weapon or event.weapon,
        date=card.date or event.date,
        also=(*card.also, *kinds),
        denied=card.denied or event.denied,
        disputed_by=tuple(dict.fromkeys((*card.disputed_by, *event.disputed_by))),
        no_casualties=card.no_casualties and not (CASUALTY_FIGURES & figures.keys()),
    )
    disputed = story.verification is Verification.DISPUTED or corrected or disagreed
    was_official = story.verification is Verification.OFFICIAL
    state = verification(merged, outlets, disputed=disputed, official=official or was_official)
    after = replace(
        story,
        event=merged,
        outlets=outlets,
        reports=story.reports + 1,
        verification=state,
        last_seen=max(story.last_seen, at),
        corrected=story.corrected or corrected,
    )
    # What else happened is news (the evacuation ordered after the strike, the power it
    # cut); the same incident told as its toll or as the strike is not.
    families = KINDS[card.kind].families
    news = tuple(
        k
        for k in kinds
        if not KINDS[k].families & families or k is EventKind.INFRASTRUCTURE_DAMAGE
    )
    # A second outlet with the same facts only counts; an authority's word or a dispute is
    # news of its own.
    upgraded = _RANK[state] > _RANK[story.verification] and state in (
        Verification.OFFICIAL,
        Verification.DISPUTED,
    )
    # An authority named in the first hours' reports is most often the source of the first
    # post itself (an administration's channel names no one): news only once the story
    # has stood unconfirmed for a while. A denial or a correction is news at any time
    # (below); counts that merely disagree (a wire still giving the morning's injured
    # after the evening's count) show as a range on the card, silently.
    confirmed_late = state is not Verification.DISPUTED and (
        at - story.first_seen >= CONFIRMATION_NEWS
    )
    before = dict(card.figures)
    told = tells_rise(article, event)
    material = bool(
        any(_material_rise(name, before.get(name), figures[name], told) for name in rose)
        or news
        or (upgraded and confirmed_late)
        or (corrected and not story.corrected)
        # a lower count told as a correction ("clarification: four killed, one was counted
        # twice"), not merely a lagging one
        or (disagreed and revises(article))
        # an evacuation order widened to more villages: news to those who live there
        or bool(widened)
    )
    return Change(
        after,
        StoryStatus.UPDATE if material else StoryStatus.DUPLICATE,
        before=story,
        rose=tuple(rose),
        new_kinds=news,
        upgraded=upgraded,
        corrected=corrected,
        widened=tuple(widened),
    )


def _widens(card: Event, event: Event, mention: PlaceMention) -> bool:
    """A place an evacuation's later report adds where people are to leave or left (not
    where they went): the order widened to another village, hromada or raion."""
    return (
        card.kind is EventKind.EVACUATION
        and event.kind is EventKind.EVACUATION
        and mention.role is not PlaceRole.DESTINATION
        and mention.place.level in _BELOW_REGION
        and not any(
            p.role is PlaceRole.DESTINATION and p.place.name == mention.place.name
            for p in card.places
        )
    )


# "Примусову евакуацію розширено", "the order now also covers", "добавлены еще три села"
_WIDENED = re.compile(
    r"\b(?:розшир\w*|расшир\w*|widen\w*|expand\w*|extend\w*|додан\w*|добавлен\w*|added|"
    r"now\s+also|тепер\s+також|теперь\s+также)",
    re.IGNORECASE,
)
_BELOW_REGION = frozenset({PlaceLevel.SETTLEMENT, PlaceLevel.COMMUNITY, PlaceLevel.DISTRICT})


def _material_rise(
    name: FigureName, before: Figure | None, after: Figure, told: bool = False
) -> bool:
    """Whether a count that rose is news: a first count always, and then every death; the
    injured when the report tells the rise ("the number of injured rose to 4") or by a
    quarter or three more (a count that drifts by one or two from outlet to outlet through
    the day is still the same count); the evacuated, the settlements and the like only when
    first given (a corridor's running total is progress, not news)."""
    if before is None:
        return True
    if name is FigureName.KILLED:
        return True
    if name is FigureName.INJURED:
        old = _top(before)
        return told or after.value >= old + max(3, old // 4)
    return False


def _top(figure: Figure) -> int:
    return figure.upper if figure.upper is not None else figure.value


def _same_place(a: PlaceMention, b: PlaceMention) -> bool:
    return place_key(a.place) == place_key(b.place) and a.place.level is b.place.level


def _authority(attribution: tuple[Attribution, ...]) -> bool:
    return any(_AUTHORITY.search(f"{a.who} {a.role or ''}") for a in attribution)
