"""The coordination the regulation between the Commission and the bodies names: cadre
vetting (``vetting``) and what follows it."""
