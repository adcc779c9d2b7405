from django import template

from rahai.linkage.evidence import chips

register = template.Library()


@register.inclusion_tag("linkage/evidence.html")
def evidence_chips(evidence):
    """``{% evidence_chips match.evidence %}``: what agreed and what did not, as labelled chips."""
    return {"chips": chips(evidence)}


@register.filter
def percent(probability) -> str:
    """0.973 → "97"; never "100" unless certain, never "0" unless nothing."""
    value = float(probability or 0.0) * 100
    if 99 < value < 100:
        return "99"
    if 0 < value < 1:
        return "<1"
    return f"{value:.0f}"
