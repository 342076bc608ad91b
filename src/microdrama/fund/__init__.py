"""``microdrama fund APPLICATIONS``: score support-fund applications on the fund's four criteria
(high-quality creation, industry promotion, technological empowerment, international dissemination)
from each series' assess report, and allocate the pool by optimisation (OR-Tools CP-SAT).
"""
