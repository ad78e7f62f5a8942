"""How urgent an event is, from the operator's ordered severity rules."""

from __future__ import annotations

from bot.config.schema import SeverityRule, SeveritySettings
from bot.records import Event, Figure, FigureName, PlaceLevel, Qualifier, Severity


def severity_of(event: Event, settings: SeveritySettings) -> Severity:
    """The severity of the first rule whose conditions all hold, else the default."""
    found = next(
        (rule.severity for rule in settings.rules if _holds(rule, event)), settings.default
    )
    # A denial is news, but not news to wake anyone for.
    return Severity.ROUTINE if event.denied else found


def _holds(rule: SeverityRule, event: Event) -> bool:
    if rule.kinds and event.kind not in rule.kinds:
        return False
    minimums = (
        (FigureName.KILLED, rule.min_killed),
        (FigureName.INJURED, rule.min_injured),
        (FigureName.EVACUATED, rule.min_evacuated),
    )
    for label, minimum in minimums:
        if minimum is not None and _count(event.figure(label)) < minimum:
            return False
    return not rule.regions or _in_regions(event, rule.regions)


def _count(figure: Figure | None) -> int:
    """The smallest number the figure vouches for; a missing figure counts as none."""
    if figure is None:
        return 0
    if figure.qualifier is Qualifier.MORE_THAN:
        return figure.value + 1
    return figure.value


def _in_regions(event: Event, regions: tuple[str, ...]) -> bool:
    wanted = {r.casefold() for r in regions}
    for mention in event.places:
        place = mention.place
        if place.admin1 and place.admin1.casefold() in wanted:
            return True
        if place.level is PlaceLevel.REGION and place.name.casefold() in wanted:
            return True
    return False
