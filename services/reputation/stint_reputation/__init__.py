"""The reputation service: double-blind reviews, a score anyone can recompute from its
published breakdown, verified skills and portfolios, signed completion credentials
anyone can verify offline, and the institutions that grant academic credit for them.
"""
