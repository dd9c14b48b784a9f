from .indicators import AggregationRun, Indicator, IndicatorValue, Target
from .outreach import OutreachActivity
from .plans import ActionPlan, ActionPlanItem

__all__ = [
    "ActionPlan",
    "ActionPlanItem",
    "AggregationRun",
    "Indicator",
    "IndicatorValue",
    "OutreachActivity",
    "Target",
]
