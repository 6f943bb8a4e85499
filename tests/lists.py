"""Ingredient lists more than one test file reads, kept once.

The worked example of the start page and the README is skincheck.worked_example.TEXT
(tests read it from there). Fixtures of the same lists are in tests/conftest.py.
"""

#: SPEC section 9, worked example 1: SkinMedica TNS Recovery Complex as printed on
#: skinsort.com (an EV ingredient first, fragrance allergens after).
EXAMPLE_1 = (
    "Human Neonatal Fibroblast Conditioned Media, Isoceteth-20, Ethoxydiglycol, "
    "Acrylates/C10-30 Alkyl Acrylate Crosspolymer, Aminomethyl Propanol, Disodium EDTA, "
    "Ethylhexylglycerin, Glycerin, Caprylyl Glycol, Caprylhydroxamic Acid, Phenoxyethanol, "
    "Parfum, Hydroxycitronellal, Linalool, Coumarin, Alpha-Isomethyl Ionone, Geraniol, Isoeugenol"
)
#: SPEC section 9, worked example 2 (DR.SERSE serum, openFDA label, as cut short there).
EXAMPLE_2 = (
    "Human Adipose Stromal Cell Conditioned Media, Water, 1,2-Hexanediol, Xanthan Gum, "
    "Cellulose, Lactobacillus Ferment, Copper Tripeptide-1, Acetyl Hexapeptide-8, "
    "rh-Polypeptide-1, rh-Oligopeptide-2"
)
