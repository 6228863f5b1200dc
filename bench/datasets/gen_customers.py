#!/usr/bin/env python3
"""Generates multichannel French customer records with ground truth.

`gen_customers.py --persons N --seed S --out OUTDIR` writes
OUTDIR/records.jsonl (idres ingest format, sorted by observed_at) and
OUTDIR/truth.csv (source,source_id,cluster). With --interactions it also
writes OUTDIR/interactions.jsonl. The output depends only on N and S.
A summary goes to stderr. See bench/datasets/README.md for what the data
contains. Standard library only.
"""

import argparse
import calendar
import csv
import json
import os
import random
import shutil
import sys
import tempfile
import time
import unicodedata

# Vocabulary --------------------------------------------------------------


def _names(text):
    return tuple(dict.fromkeys(text.split()))


FEMALE_NAMES = _names("""
Marie Jeanne Françoise Monique Catherine Nathalie Isabelle Sylvie Anne
Martine Christine Sophie Valérie Sandrine Nicole Véronique Stéphanie Céline
Julie Chantal Aurélie Émilie Camille Laura Sarah Léa Manon Chloé Emma Inès
Jade Louise Alice Lina Rose Anna Mila Ambre Julia Léna Zoé Juliette Clara
Lucie Mathilde Pauline Marine Élodie Charlotte Margaux Océane Justine
Mélanie Audrey Laetitia Virginie Caroline Delphine Karine Florence Patricia
Brigitte Hélène Dominique Corinne Laurence Agnès Béatrice Annie Josiane
Danielle Jacqueline Simone Denise Suzanne Yvette Madeleine Germaine Odette
Colette Ginette Paulette Marcelle Huguette Michèle Évelyne Geneviève
Bernadette Thérèse Andrée Régine Claudine Joëlle Gisèle Maryse Lucienne
Raymonde Solange Éliane Mireille Nadine Muriel Pascale Fabienne Sabrina
Jessica Vanessa Amandine Élise Gaëlle Anaïs Noémie Maëlle Clémence Capucine
Héloïse Apolline Romane Lou Agathe Victoire Adèle Éléonore Garance Salomé
Maëlys Lilou Nina Léonie Eva Margot Constance Bérénice Cécile Estelle
Eugénie Frédérique Gwendoline Hortense Irène Joséphine Laure Lydie Marion
Maude Nadège Ophélie Perrine Rachel Sabine Séverine Solène Tiphaine Yasmine
Aïcha Fatima Nadia Samia Leïla Myriam Sonia Yolande Renée Lise Aline Arlette
Rolande Liliane Marthe Berthe Élisabeth Alexandra Gabrielle Marguerite
Valentine Axelle Anouk Coralie Daphné Edwige Fanny Gwenaëlle Ingrid Jocelyne
Katia Ludivine Morgane Nolwenn Rébecca Sandra Tatiana Vérane Wendy Zélie
""")

MALE_NAMES = _names("""
Jean Pierre Michel André Philippe Alain Bernard Jacques Daniel Christian
Patrick Nicolas Christophe Éric Frédéric Laurent Stéphane David Julien
Sébastien Thomas Olivier Pascal Thierry Dominique Gérard Didier Bruno
François Claude Emmanuel Guillaume Alexandre Antoine Maxime Romain Mathieu
Vincent Jérôme Cédric Hugo Lucas Louis Gabriel Léo Raphaël Arthur Jules Adam
Nathan Ethan Paul Noah Théo Timéo Enzo Mathis Tom Baptiste Clément Valentin
Quentin Benjamin Anthony Kévin Florian Jordan Dylan Loïc Yannick Gaël Joël
Noël Régis René Roger Robert Henri Georges Marcel Lucien Maurice Raymond
Roland Yves Serge Gilles Patrice Denis Hervé Franck Fabrice Lionel Ludovic
Arnaud Benoît Damien Jérémy Aurélien Rémi Grégory Sylvain Xavier Yann Cyril
Mickaël Jean-Pierre Jean-Claude Jean-Luc Jean-Marc Jean-François Jean-Paul
Jean-Michel Jean-Louis Jean-Baptiste Pierre-Yves Marc-Antoine Gaëtan Mathéo
Noé Sacha Martin Victor Axel Evan Marius Aymeric Côme Gauthier Édouard
Étienne Félix Hippolyte Joachim Léon Octave Rodolphe Sylvestre Thibault
Tristan Ulysse Vivien Wilfried Yvon Albert Armand Bastien Basile Cyprien
Dimitri Émile Fernand Gustave Honoré Karim Mohamed Mehdi Rachid Samir
Youssef Bilal Nabil Ahmed Omar Kamel Malik Hamza Ismaël Killian Lenny Nolan
Sofiane Titouan Corentin Erwan Ronan Maël Brice Jocelyn Maximilien Philibert
Timothée Théodore Valère Yohan Marc Luc Guy Francis Germain Hubert Jacky
""")

FAMILY_NAMES = _names("""
Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent
Simon Michel Lefèbvre Leroy Roux David Bertrand Morel Fournier Girard Bonnet
Dupont Lambert Fontaine Rousseau Vincent Muller Lefèvre Faure André Mercier
Blanc Guérin Boyer Garnier Chevalier François Legrand Gauthier Garcia Perrin
Robin Clément Morin Nicolas Henry Roussel Mathieu Gautier Masson Marchand
Duval Denis Dumont Lemaire Noël Meyer Dufour Meunier Brun Blanchard Giraud
Joly Rivière Lucas Brunet Gaillard Barbier Arnaud Martinez Gérard Roche
Renard Schmitt Roy Leroux Colin Vidal Caron Picard Roger Fabre Aubert
Lemoine Renaud Dumas Lacroix Olivier Philippe Bourgeois Pierre Benoît Rey
Leclerc Payet Rolland Leclercq Guillaume Lecomte Lopez Dupuy Guillot Hubert
Berger Carpentier Sanchez Dupuis Moulin Louis Deschamps Huet Vasseur Perez
Boucher Fleury Royer Klein Jacquet Adam Poirier Marty Aubry Guyot Carré
Charles Renault Charpentier Ménard Maillard Baron Bertin Bailly Hervé
Schneider Fernandez Collet Léger Bouvier Julien Prévost Millet Perrot
Cousin Germain Breton Besson Langlois Rémy Pelletier Lévêque Perrier Leblanc
Barré Lebrun Marchal Weber Mallet Hamon Boulanger Jacob Monnier Michaud
Rodriguez Guichard Gillet Étienne Grondin Poulain Tessier Chevallier Collin
Chauvin Bouchet Gay Lemaître Bénard Maréchal Humbert Reynaud Antoine Hoarau
Perret Barthélemy Cordier Pichon Lejeune Gilbert Lamy Delaunay Pasquier
Carlier Laporte Gros Bègue Sénéchal Lécuyer Dupré Lévesque Hébert Jégou
Lemonnier Ledoux Lagarde Delorme Desjardins Duhamel Fortin Gaudin Gosselin
Jourdan Labbé Lacoste Leconte Leduc Besnard Boutin Chauveau Cochet Coste
Courtois Delattre Delmas Devaux Doucet Drouet Ferrand Foucher Frémont Gallet
Gervais Godard Guillou Hardy Jolly Lebon Legros Lenoir Lesage Maillot Marin
Martel Mouton Ollivier Pagès Paquet Parent Poisson Pons Raynaud Roques
Salmon Tanguy Thibault Tournier Vallée Védrine Verdier Vial Voisin Wagner
Zimmermann Abadie Aubin Baudry Bazin Bellanger Bérard Blin Bonneau Boulay
Bourdon Brossard Buisson Camus Carrière Chartier Cloarec Combes Couturier
Crépin Delage Delpech Desmoulins Dubreuil Ducrocq Duclos Dumoulin Esnault
Évrard Faivre Favre Ferry Fouquet Gicquel Giraudeau Grégoire Guilbert Hamel
Imbert Jacquot Kerboul Lagrange Lamotte Langlais Lebreton Lefort Lemarchand
Lhuillier Maillet Mangin Maurice Merle Montagne Morvan Naudin Navarro Orsini
Pasquet Péron Picot Poulet Prigent Quéré Rigaud Riou Sabatier Santini
Sauvage Texier Thiébaut Toussaint Vaillant Verger Vigneron Philippon Benhamou
Nguyen Diallo Traoré Haddad Mansouri Da Silva Le Gall Le Goff Le Roux
""".replace("Da Silva", "Da_Silva").replace("Le Gall", "Le_Gall")
     .replace("Le Goff", "Le_Goff").replace("Le Roux", "Le_Roux"))
FAMILY_NAMES = tuple(n.replace("_", " ") for n in FAMILY_NAMES)

NICKNAMES = {
    "Emmanuel": ("Manu",), "Jean": ("Jeannot",), "Robert": ("Bob", "Bobby"),
    "Frédéric": ("Fred",), "Christophe": ("Chris",), "Nicolas": ("Nico",),
    "Alexandre": ("Alex",), "Catherine": ("Cathy",), "Isabelle": ("Isa",),
    "Dominique": ("Dom",), "Philippe": ("Phil",), "Maxime": ("Max",),
    "Sébastien": ("Seb",), "Stéphane": ("Steph",), "Stéphanie": ("Steph",),
    "Françoise": ("Fanfan",), "François": ("Fanfan",), "Thomas": ("Tom",),
    "Valérie": ("Val",), "Jean-Pierre": ("JP",), "Jean-Claude": ("JC",),
    "Jean-Baptiste": ("JB",), "Joséphine": ("Josie", "Fifi"),
    "Élisabeth": ("Babeth", "Lisa"), "Alexandra": ("Alex", "Sandra"),
    "Anthony": ("Tony",), "Antoine": ("Tony",), "Benjamin": ("Ben", "Benji"),
    "Charlotte": ("Charlie",), "Florian": ("Flo",), "Florence": ("Flo",),
    "Gabriel": ("Gaby",), "Gabrielle": ("Gaby",), "Jérôme": ("Jéjé",),
    "Laurent": ("Lolo",), "Nathalie": ("Nath",), "Patrick": ("Pat",),
    "Patricia": ("Pat", "Patou"), "Raphaël": ("Raph",), "Véronique": ("Véro",),
    "Caroline": ("Caro",), "Jacqueline": ("Jacquie",), "Jacques": ("Jacquot",),
    "Julien": ("Juju",), "Mickaël": ("Mika",), "Gérard": ("Gégé",),
    "Georges": ("Jojo",), "Josiane": ("Josy",), "Daniel": ("Dany",),
    "Danielle": ("Dany",), "Marguerite": ("Margot",), "Timothée": ("Tim",),
    "Michel": ("Michou",), "Aurélie": ("Lili",), "Virginie": ("Virgi",),
}

# (city, postal code): main postal code of each commune.
CITIES = (
    ("Paris", "75001"), ("Paris", "75005"), ("Paris", "75008"),
    ("Paris", "75011"), ("Paris", "75012"), ("Paris", "75013"),
    ("Paris", "75015"), ("Paris", "75017"), ("Paris", "75018"),
    ("Paris", "75019"), ("Paris", "75020"), ("Marseille", "13001"),
    ("Marseille", "13005"), ("Marseille", "13008"), ("Marseille", "13013"),
    ("Lyon", "69001"), ("Lyon", "69003"), ("Lyon", "69007"),
    ("Toulouse", "31000"), ("Nice", "06000"), ("Nantes", "44000"),
    ("Montpellier", "34000"), ("Strasbourg", "67000"), ("Bordeaux", "33000"),
    ("Lille", "59000"), ("Rennes", "35000"), ("Reims", "51100"),
    ("Toulon", "83000"), ("Saint-Étienne", "42000"), ("Le Havre", "76600"),
    ("Grenoble", "38000"), ("Dijon", "21000"), ("Angers", "49000"),
    ("Nîmes", "30000"), ("Villeurbanne", "69100"),
    ("Clermont-Ferrand", "63000"), ("Le Mans", "72000"),
    ("Aix-en-Provence", "13100"), ("Brest", "29200"), ("Tours", "37000"),
    ("Amiens", "80000"), ("Limoges", "87000"), ("Annecy", "74000"),
    ("Perpignan", "66000"), ("Boulogne-Billancourt", "92100"),
    ("Metz", "57000"), ("Besançon", "25000"), ("Orléans", "45000"),
    ("Saint-Denis", "93200"), ("Argenteuil", "95100"), ("Rouen", "76000"),
    ("Mulhouse", "68100"), ("Montreuil", "93100"), ("Caen", "14000"),
    ("Nancy", "54000"), ("Tourcoing", "59200"), ("Roubaix", "59100"),
    ("Nanterre", "92000"), ("Vitry-sur-Seine", "94400"), ("Avignon", "84000"),
    ("Créteil", "94000"), ("Poitiers", "86000"), ("Pau", "64000"),
    ("Versailles", "78000"), ("Colombes", "92700"),
    ("Aubervilliers", "93300"), ("Courbevoie", "92400"),
    ("Asnières-sur-Seine", "92600"), ("La Rochelle", "17000"),
    ("Rueil-Malmaison", "92500"), ("Champigny-sur-Marne", "94500"),
    ("Béziers", "34500"), ("Calais", "62100"),
    ("Saint-Maur-des-Fossés", "94100"), ("Cannes", "06400"),
    ("Antibes", "06600"), ("Drancy", "93700"), ("Mérignac", "33700"),
    ("Saint-Nazaire", "44600"), ("Colmar", "68000"),
    ("Issy-les-Moulineaux", "92130"), ("Noisy-le-Grand", "93160"),
    ("Vénissieux", "69200"), ("Cergy", "95000"), ("Levallois-Perret", "92300"),
    ("Valence", "26000"), ("Bourges", "18000"), ("Pessac", "33600"),
    ("Ivry-sur-Seine", "94200"), ("Quimper", "29000"), ("Antony", "92160"),
    ("Troyes", "10000"), ("Neuilly-sur-Seine", "92200"),
    ("Chambéry", "73000"), ("Niort", "79000"), ("Lorient", "56100"),
    ("Sarcelles", "95200"), ("Beauvais", "60000"), ("Vannes", "56000"),
    ("Saint-Quentin", "02100"), ("Laval", "53000"), ("Hyères", "83400"),
    ("Bayonne", "64100"), ("Belfort", "90000"), ("Arles", "13200"),
    ("Chartres", "28000"), ("Angoulême", "16000"), ("Agen", "47000"),
    ("Épinal", "88000"), ("Châteauroux", "36000"), ("Blois", "41000"),
    ("Albi", "81000"), ("Carcassonne", "11000"), ("Ajaccio", "20000"),
    ("Bastia", "20200"), ("Périgueux", "24000"),
    ("Brive-la-Gaillarde", "19100"), ("Montauban", "82000"),
    ("Tarbes", "65000"), ("Saint-Malo", "35400"), ("Auxerre", "89000"),
    ("Nevers", "58000"), ("Mâcon", "71000"), ("Évreux", "27000"),
    ("Alençon", "61000"), ("Saint-Brieuc", "22000"), ("Lens", "62300"),
    ("Arras", "62000"), ("Dunkerque", "59140"), ("Valenciennes", "59300"),
    ("Charleville-Mézières", "08000"), ("Cholet", "49300"), ("Sète", "34200"),
    ("Narbonne", "11100"), ("Gap", "05000"), ("Fréjus", "83600"),
    ("Vichy", "03200"), ("Aurillac", "15000"), ("Rodez", "12000"),
    ("Cahors", "46000"), ("Mont-de-Marsan", "40000"), ("Biarritz", "64200"),
    ("Auch", "32000"), ("Castres", "81100"), ("Vienne", "38200"),
    ("Bourg-en-Bresse", "01000"), ("Vesoul", "70000"), ("Thionville", "57100"),
    ("Haguenau", "67500"), ("Compiègne", "60200"), ("Meaux", "77100"),
    ("Melun", "77000"), ("Fontainebleau", "77300"),
    ("Saint-Germain-en-Laye", "78100"), ("Pontoise", "95300"),
    ("Vincennes", "94300"), ("Bobigny", "93000"), ("Clichy", "92110"),
)

STREET_NAMES = (
    "de la République", "Victor Hugo", "Jean Jaurès", "de la Gare", "Pasteur",
    "du Général de Gaulle", "des Écoles", "de la Paix", "Gambetta",
    "Voltaire", "des Lilas", "du Moulin", "de l'Église", "des Tilleuls",
    "Émile Zola", "de la Liberté", "du Château", "des Acacias", "Carnot",
    "Jules Ferry", "Saint-Michel", "de Verdun", "du Maréchal Foch",
    "Georges Clemenceau", "de Paris", "des Roses", "du Stade",
    "de la Fontaine", "des Peupliers", "Anatole France", "de la Mairie",
    "du Port", "des Vignes", "Molière", "Jean Moulin", "Aristide Briand",
    "de Bretagne", "du 8 Mai 1945", "du 11 Novembre", "des Châtaigniers",
    "Denis Papin", "de la Forêt", "des Mésanges", "Saint-Exupéry",
    "Louise Michel", "des Cerisiers", "de Lattre de Tassigny", "Charles Péguy",
)

# Canonical street types with the spellings records use for them.
STREET_TYPES = (
    (("rue",), 50), (("avenue", "av.", "ave"), 14),
    (("boulevard", "bd", "bld"), 10), (("allée", "all."), 6),
    (("chemin", "ch."), 7), (("impasse", "imp."), 6), (("place", "pl."), 7),
)

LINE2 = ("Bâtiment A", "Bât. B", "Appt 12", "Appartement 4",
         "Résidence Les Tilleuls", "Escalier C", "3e étage", "Chez M. Morel")

EMAIL_DOMAINS = (
    ("gmail.com", 30), ("orange.fr", 14), ("free.fr", 9), ("sfr.fr", 6),
    ("laposte.net", 6), ("hotmail.fr", 9), ("yahoo.fr", 6),
    ("wanadoo.fr", 5), ("outlook.fr", 5), ("icloud.com", 5), ("neuf.fr", 2),
    ("bbox.fr", 3))

INTENTS = (
    ("order_status", "Où en est ma commande {order} ?", True),
    ("return_request", "Je souhaite retourner un article de la commande "
     "{order}.", True),
    ("delivery_issue", "Colis {order} marqué livré mais non reçu.", True),
    ("invoice_request", "Demande de facture pour la commande {order}.", True),
    ("address_change", "Changement d'adresse de livraison.", False),
    ("loyalty_points", "Question sur le solde de points fidélité.", False),
    ("complaint", "Réclamation : produit défectueux à la réception.", False),
    ("unsubscribe", "Ne plus recevoir la newsletter.", False),
    ("appointment", "Prise de rendez-vous en magasin.", False),
    ("password_reset", "Mot de passe oublié sur l'application.", False),
)

# Generation parameters -----------------------------------------------------

START = calendar.timegm((2024, 1, 1, 0, 0, 0))
END = calendar.timegm((2026, 7, 1, 0, 0, 0))
FIELD_ORDER = ("source", "source_id", "observed_at", "identifiers", "name",
               "organization", "birth_date", "gender", "address", "attributes")
PLACEHOLDER_PHONE = "0000000000"
PLACEHOLDER_EMAIL = "test@test.com"
RECORD_COUNTS = ((1, 10), (2, 35), (3, 35), (4, 20))  # mean 2.65
HOUSEHOLD_SIZES = ((1, 55), (2, 25), (3, 12), (4, 8))
SOURCES = (("crm", 30), ("shop", 25), ("chat", 12), ("ivr", 10),
           ("app", 12), ("store", 11))
P_NAMESAKE = 0.02      # a household head copies an earlier head's name+city
P_TWINS = 0.25         # households with two or more children
P_MARRIAGE = 0.06      # women with 2+ records: later records, new name
P_MOVE = 0.08          # persons with 2+ records: later records, new address
P_CHAIN = 0.05         # persons with 3+ records: email -> both -> phone
P_PLACEHOLDER = 0.012  # per phone / e-mail written


def weighted(rng, table):
    total = sum(w for _, w in table)
    x = rng.random() * total
    for value, w in table:
        x -= w
        if x < 0:
            return value
    return table[-1][0]


def strip_accents(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c))


def ascii_token(text):
    folded = strip_accents(text).lower().replace("'", "")
    return "".join(c if c.isalnum() else "-" for c in folded)


def landline_prefix(postal_code):
    """Returns the French landline zone (1..5) of a postal code."""
    dept = postal_code[:2]
    if dept in ("75", "77", "78", "91", "92", "93", "94", "95"):
        return "1"
    if dept in ("14", "27", "50", "61", "76", "22", "29", "35", "56", "44",
                "49", "53", "72", "85", "18", "28", "36", "37", "41", "45"):
        return "2"
    if dept in ("02", "59", "60", "62", "80", "08", "10", "51", "52", "54",
                "55", "57", "67", "68", "88", "21", "25", "39", "58", "70",
                "71", "89", "90"):
        return "3"
    if dept in ("16", "17", "19", "23", "24", "33", "40", "47", "64", "79",
                "86", "87", "09", "12", "31", "32", "46", "65", "81", "82"):
        return "5"
    return "4"


# Identifiers ---------------------------------------------------------------


class Registry:
    """Hands out unique identifier values (deterministic for a seed)."""

    def __init__(self, rng):
        self.rng = rng
        self.used = set()

    def _unique(self, make):
        while True:
            value = make()
            if value not in self.used:
                self.used.add(value)
                return value

    def _digits(self, n):
        return "".join(self.rng.choice("0123456789") for _ in range(n))

    def source_id(self, prefix, width):
        # Random rather than sequential, so that ids do not reveal which
        # records were generated together (i.e. belong to one person).
        return self._unique(lambda: prefix + self._digits(width))

    def session_id(self):
        return self._unique(lambda: f"chat-{self.rng.getrandbits(48):012x}")

    def mobile(self):
        return self._unique(lambda: "0" + self.rng.choice("67") +
                            self._digits(8))

    def landline(self, postal_code):
        zone = landline_prefix(postal_code)
        return self._unique(lambda: "0" + zone + self._digits(8))

    def customer_id(self):
        return self._unique(lambda: "C" + self._digits(7))

    def loyalty_card(self):
        return self._unique(lambda: "2977" + self._digits(9))

    def device_id(self):
        r = self.rng
        return self._unique(lambda: "%08x-%04x-4%03x-%04x-%012x" % (
            r.getrandbits(32), r.getrandbits(16), r.getrandbits(12),
            0x8000 | r.getrandbits(14), r.getrandbits(48)))

    def email(self, local):
        domain = weighted(self.rng, EMAIL_DOMAINS)
        email = f"{local}@{domain}"
        while email in self.used:
            email = f"{local}{self.rng.randint(1, 999)}@{domain}"
        self.used.add(email)
        return email

    def personal_email(self, given, family):
        r = self.rng
        g, f = ascii_token(given), ascii_token(family)
        local = r.choice((f"{g}.{f}", f"{g[0]}{f}", f"{g}{f}", f"{f}.{g}",
                          f"{g}.{f}{r.randint(1, 99)}",
                          f"{g}{r.randint(1950, 2009)}", f"{g[0]}.{f}"))
        return self.email(local)


# People --------------------------------------------------------------------


class Person:
    __slots__ = ("cluster", "given", "family", "gender", "birth", "email",
                 "family_email", "mobile", "landline", "address",
                 "new_address", "move_cut", "new_family", "marry_cut",
                 "customer_id", "loyalty_card", "device_id")

    def __init__(self, cluster, given, family, gender, birth):
        self.cluster = cluster
        self.given, self.family, self.gender = given, family, gender
        self.birth = birth
        self.email = self.family_email = None
        self.mobile = self.landline = None
        self.address = self.new_address = None
        self.move_cut = self.marry_cut = 99
        self.new_family = None
        self.customer_id = self.loyalty_card = self.device_id = None


def make_address(rng, city=None):
    if city is None:
        city = rng.choice(CITIES)
    number = str(rng.randint(1, 150))
    if rng.random() < 0.05:
        number += rng.choice((" bis", " ter", "B"))
    return {"number": number, "types": weighted(rng, STREET_TYPES),
            "street": rng.choice(STREET_NAMES),
            "line2": rng.choice(LINE2) if rng.random() < 0.12 else "",
            "city": city[0], "postal_code": city[1]}


class Generator:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.ids = Registry(self.rng)
        self.persons = 0
        self.heads = []  # (given, family, gender, city, birth) of heads
        self.namesakes = {}      # (given, family, city) -> group size
        self.stats = {"households": 0, "twins": 0, "marriages": 0,
                      "moves": 0, "chains": 0, "placeholders": 0,
                      "family_emails": 0}

    def _person(self, given, family, gender, birth):
        self.persons += 1
        return Person(f"P{self.persons:07d}", given, family, gender, birth)

    def _given(self, gender, avoid=()):
        names = FEMALE_NAMES if gender == "F" else MALE_NAMES
        while True:
            name = self.rng.choice(names)
            if name not in avoid:
                return name

    def _birth(self, low, high):
        r = self.rng
        return (r.randint(low, high), r.randint(1, 12), r.randint(1, 28))

    def _head(self, address):
        """Makes a household's first adult, sometimes a namesake."""
        r = self.rng
        if self.heads and r.random() < P_NAMESAKE:
            given, family, gender, city, taken = r.choice(self.heads)
            key = (given, family, city[0])
            self.namesakes[key] = self.namesakes.get(key, 1) + 1
            address.update(make_address(r, city))
            birth = self._birth(1940, 2002)
            while birth[0] == taken[0]:  # a different person, visibly
                birth = self._birth(1940, 2002)
            return self._person(given, family, gender, birth)
        gender = r.choice("FM")
        head = self._person(self._given(gender), r.choice(FAMILY_NAMES),
                            gender, self._birth(1940, 2002))
        self.heads.append((head.given, head.family, gender,
                           (address["city"], address["postal_code"]),
                           head.birth))
        return head

    def household(self, size):
        """Returns the persons of one new household of `size` people."""
        r = self.rng
        address = make_address(r)
        head = self._head(address)
        members = [head]
        if size >= 2:
            gender = "M" if head.gender == "F" or r.random() < 0.1 else "F"
            year = min(2002, max(1940, head.birth[0] + r.randint(-6, 6)))
            family = (head.family if r.random() < 0.85
                      else r.choice(FAMILY_NAMES))
            members.append(self._person(self._given(gender, (head.given,)),
                                        family, gender,
                                        self._birth(year, year)))
        self._children(head, members, size - len(members))
        landline = None
        if r.random() < (0.6 if size >= 2 else 0.2):
            landline = self.ids.landline(address["postal_code"])
        family_email = None
        if size >= 2 and r.random() < 0.3:
            family_email = self.ids.email(
                r.choice(("famille.", "", "les")) + ascii_token(head.family))
            self.stats["family_emails"] += 1
        for p in members:
            self._contact(p, address, landline, family_email)
        if size >= 2:
            self.stats["households"] += 1
        return members

    def _children(self, head, members, count):
        r = self.rng
        low = head.birth[0] + 20
        high = min(2008, head.birth[0] + 42)
        if count <= 0 or low > high:
            return
        twins = count >= 2 and r.random() < P_TWINS
        for i in range(count):
            gender = r.choice("FM")
            taken = tuple(m.given for m in members)
            if twins and i == 1:
                birth = members[-1].birth
                self.stats["twins"] += 1
            else:
                birth = self._birth(low, high)
            members.append(self._person(self._given(gender, taken),
                                        head.family, gender, birth))

    def _contact(self, p, address, landline, family_email):
        r = self.rng
        p.address = address
        p.landline = landline
        p.family_email = family_email
        p.email = self.ids.personal_email(p.given, p.family)
        if r.random() < 0.92:
            p.mobile = self.ids.mobile()

    # Records ---------------------------------------------------------------

    def plan(self, p):
        """Returns the (source, force) list of p's records, oldest first, and
        schedules p's life events between them."""
        r = self.rng
        k = weighted(r, RECORD_COUNTS)
        if k >= 2 and p.gender == "F" and p.birth[0] <= 2000 and \
                r.random() < P_MARRIAGE:
            p.marry_cut = r.randint(1, k - 1)
            other = r.choice(FAMILY_NAMES)
            p.new_family = (f"{other}-{p.family}" if r.random() < 0.15
                            else other)
            self.stats["marriages"] += 1
        if k >= 2 and r.random() < P_MOVE:
            p.move_cut = r.randint(1, k - 1)
            same_city = r.random() < 0.5
            p.new_address = make_address(
                r, (p.address["city"], p.address["postal_code"])
                if same_city else None)
            self.stats["moves"] += 1
        if k >= 3 and p.email and p.mobile and r.random() < P_CHAIN:
            self.stats["chains"] += 1
            head = [("chat", "email"), ("shop", "both"), ("ivr", "phone")]
            return head + [(weighted(r, SOURCES), None) for _ in range(k - 3)]
        return [(weighted(r, SOURCES), None) for _ in range(k)]

    def records(self, p):
        """Yields p's records as (observed_at, record dict)."""
        r = self.rng
        plan = self.plan(p)
        stamps = sorted(r.randrange(START, END) for _ in plan)
        for i, ((source, force), stamp) in enumerate(zip(plan, stamps)):
            rec = getattr(self, "_" + source)(p, i, force)
            if rec is None:  # the person lacks what this channel needs
                rec = self._crm(p, i, None)
            observed = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(stamp))
            rec["observed_at"] = observed
            yield observed, {k: rec[k] for k in FIELD_ORDER if rec.get(k)}

    def _style(self, source):
        r = self.rng
        upper = r.random() < (0.35 if source in ("crm", "store") else 0.08)
        return r.random() < 0.25, upper  # (drop accents, upper-case family)

    def _text(self, text, drop_accents, upper=False):
        if drop_accents:
            text = strip_accents(text)
        return text.upper() if upper else text

    def _name(self, p, i, source, given=True, family=True, nick=0.0):
        r = self.rng
        drop, upper = self._style(source)
        name = {}
        if given:
            g = p.given
            if g in NICKNAMES and r.random() < nick:
                g = r.choice(NICKNAMES[g])
            elif r.random() < 0.03:
                g = typo(r, g)
            name["given"] = self._text(g, drop)
        if family:
            f = p.new_family if i >= p.marry_cut else p.family
            if r.random() < 0.03:
                f = typo(r, f)
            name["family"] = self._text(f, drop, upper)
        return name

    def _birth_date(self, p):
        y, m, d = p.birth
        if d <= 12 and d != m and self.rng.random() < 0.02:
            m, d = d, m  # day and month swapped by the source
        return f"{y:04d}-{m:02d}-{d:02d}"

    def _address(self, p, i, source, postal_only=False):
        r = self.rng
        a = p.new_address if i >= p.move_cut else p.address
        drop, upper = self._style(source)
        out = {"postal_code": a["postal_code"],
               "city": self._text(a["city"], drop, r.random() < 0.15)}
        if not postal_only:
            types = a["types"]
            kind = types[0] if r.random() < 0.7 else r.choice(types)
            line = f"{a['number']} {kind} {a['street']}"
            out = {"line1": self._text(line, drop, upper and
                                       r.random() < 0.3),
                   "line2": a["line2"], **out}
            if not a["line2"]:
                del out["line2"]
        if r.random() < 0.6:
            out["country"] = "FR"
        return out

    def _phone(self, digits):
        if self.rng.random() < P_PLACEHOLDER:
            self.stats["placeholders"] += 1
            return {"type": "phone", "value": PLACEHOLDER_PHONE}
        return {"type": "phone", "value": phone_format(self.rng, digits)}

    def _email(self, email):
        r = self.rng
        if r.random() < P_PLACEHOLDER:
            self.stats["placeholders"] += 1
            return {"type": "email", "value": PLACEHOLDER_EMAIL}
        if r.random() < 0.005:
            local, domain = email.split("@")
            email = typo(r, local) + "@" + domain
        elif r.random() < 0.1:
            email = email[0].upper() + email[1:]
        return {"type": "email", "value": email}

    def _ensure(self, p, attr, make):
        if getattr(p, attr) is None:
            setattr(p, attr, make())
        return getattr(p, attr)

    def _crm(self, p, i, force):
        r = self.rng
        ids = []
        if r.random() < 0.95:
            ids.append({"type": "customer_id",
                        "value": self._ensure(p, "customer_id",
                                              self.ids.customer_id)})
        if r.random() < 0.85:
            ids.append(self._email(p.email))
        if p.mobile and r.random() < 0.75:
            ids.append(self._phone(p.mobile))
        if p.landline and r.random() < 0.3:
            ids.append(self._phone(p.landline))
        rec = {"source": "crm", "source_id": self.ids.source_id("CRM-", 7),
               "identifiers": ids, "name": self._name(p, i, "crm", nick=0.03)}
        if r.random() < 0.88:
            rec["birth_date"] = self._birth_date(p)
        if r.random() < 0.7:
            rec["gender"] = p.gender
        if r.random() < 0.95:
            rec["address"] = self._address(p, i, "crm")
        if r.random() < 0.3:
            rec["attributes"] = {"loyalty_tier": r.choice(
                ("bronze", "silver", "gold", "platinum"))}
        return rec

    def _shop(self, p, i, force):
        r = self.rng
        email = p.email
        if p.family_email and force is None and r.random() < 0.25:
            email = p.family_email
        ids = [self._email(email)]
        if p.mobile and (force == "both" or r.random() < 0.5):
            ids.append(self._phone(p.mobile))
        rec = {"source": "shop", "source_id": self.ids.source_id("WEB-", 8),
               "identifiers": ids}
        if r.random() < 0.95:
            rec["name"] = self._name(p, i, "shop", nick=0.1)
        if r.random() < 0.85:
            rec["address"] = self._address(p, i, "shop")
        if r.random() < 0.15:
            rec["birth_date"] = self._birth_date(p)
        if r.random() < 0.4:
            rec["attributes"] = {"newsletter": r.choice(("yes", "no"))}
        return rec

    def _chat(self, p, i, force):
        r = self.rng
        use_email = force == "email" or (force is None and
                                         (not p.mobile or r.random() < 0.55))
        ident = self._email(p.email) if use_email else self._phone(p.mobile)
        rec = {"source": "chat",
               "source_id": self.ids.session_id(),
               "identifiers": [ident]}
        if r.random() < 0.7:
            rec["name"] = self._name(p, i, "chat", family=False, nick=0.25)
        return rec

    def _ivr(self, p, i, force):
        r = self.rng
        phone = p.mobile
        if force is None and p.landline and (not phone or r.random() < 0.3):
            phone = p.landline
        if not phone:
            return None
        ids = [self._phone(phone)]
        if force is None and r.random() < 0.35:
            ids.append({"type": "customer_id",
                        "value": self._ensure(p, "customer_id",
                                              self.ids.customer_id)})
        return {"source": "ivr", "source_id": self.ids.source_id("CALL-", 9),
                "identifiers": ids}

    def _app(self, p, i, force):
        r = self.rng
        ids = [{"type": "device_id",
                "value": self._ensure(p, "device_id", self.ids.device_id)}]
        if r.random() < 0.9:
            ids.append(self._email(p.email))
        if p.mobile and r.random() < 0.2:
            ids.append(self._phone(p.mobile))
        rec = {"source": "app", "source_id": self.ids.source_id("APP-", 8),
               "identifiers": ids}
        if r.random() < 0.5:
            rec["name"] = self._name(p, i, "app", family=r.random() < 0.6,
                                     nick=0.25)
        return rec

    def _store(self, p, i, force):
        r = self.rng
        ids = [{"type": "loyalty_card",
                "value": self._ensure(p, "loyalty_card",
                                      self.ids.loyalty_card)}]
        if p.mobile and r.random() < 0.4:
            ids.append(self._phone(p.mobile))
        elif p.landline and r.random() < 0.15:
            ids.append(self._phone(p.landline))
        rec = {"source": "store",
               "source_id": self.ids.source_id("MAG-", 8),
               "identifiers": ids,
               "attributes": {"store": f"MAG-{r.randint(1, 180):03d}"}}
        if r.random() < 0.9:
            rec["name"] = self._name(p, i, "store", nick=0.05)
        if r.random() < 0.7:
            rec["address"] = self._address(p, i, "store", postal_only=True)
        if r.random() < 0.3:
            rec["birth_date"] = self._birth_date(p)
        return rec

    def interactions(self, p):
        """Yields a few provisional interaction events of p."""
        r = self.rng
        if r.random() >= 0.6:
            return
        for _ in range(r.randint(1, 3)):
            intent, summary, has_order = r.choice(INTENTS)
            channel = r.choice(("chat", "call", "email"))
            if channel == "call" and (p.mobile or p.landline):
                ident = {"type": "phone", "value": phone_format(
                    r, p.mobile or p.landline)}
            else:
                channel = "chat" if channel == "call" else channel
                ident = {"type": "email", "value": p.email}
            order = f"CMD-{r.randint(0, 99999999):08d}"
            event = {"identifier": ident, "channel": channel,
                     "kind": {"chat": "message", "call": "call",
                              "email": "email"}[channel],
                     "observed_at": time.strftime(
                         "%Y-%m-%dT%H:%M:%SZ",
                         time.gmtime(r.randrange(START, END))),
                     "summary": summary.format(order=order),
                     "intent": intent}
            if has_order:
                event["facts"] = {"order_number": order}
            yield event


def phone_format(rng, digits):
    """Spells a 10-digit French number in one of the common ways."""
    pairs = [digits[i:i + 2] for i in range(0, 10, 2)]
    rest = " ".join(pairs)[1:]  # "6 12 34 56 78"
    return rng.choice((
        " ".join(pairs), " ".join(pairs), ".".join(pairs), digits,
        f"+33 {rest}", f"0033{digits[1:]}", f"+33 (0){rest}",
        f"+33{digits[1:]}", "-".join(pairs)))


def typo(rng, text):
    """Returns text with two neighbouring letters swapped or one replaced."""
    if len(text) < 3:
        return text
    i = rng.randrange(1, len(text) - 1)
    if rng.random() < 0.5:
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    return text[:i] + rng.choice("aeioulnrst") + text[i + 1:]


# Output --------------------------------------------------------------------


def generate(args):
    """Writes the output files; returns the summary counters."""
    gen = Generator(args.seed)
    os.makedirs(args.out, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".gen_customers.", dir=args.out)
    buckets = {}  # "YYYY-MM" -> temp file of "observed_at\tseq\tjson" lines
    per_source = {name: 0 for name, _ in SOURCES}
    seq = 0
    interactions = (open(os.path.join(args.out, "interactions.jsonl"), "w",
                         encoding="utf-8") if args.interactions else None)
    try:
        with open(os.path.join(args.out, "truth.csv"), "w", newline="",
                  encoding="utf-8") as truth_file:
            truth = csv.writer(truth_file, lineterminator="\n")
            truth.writerow(["source", "source_id", "cluster"])
            while gen.persons < args.persons:
                size = min(weighted(gen.rng, HOUSEHOLD_SIZES),
                           args.persons - gen.persons)
                for p in gen.household(size):
                    for observed, rec in gen.records(p):
                        month = observed[:7]
                        if month not in buckets:
                            buckets[month] = open(
                                os.path.join(tmp, month), "w",
                                encoding="utf-8")
                        line = json.dumps(rec, ensure_ascii=False,
                                          separators=(",", ":"))
                        buckets[month].write(f"{observed}\t{seq:010d}\t"
                                             f"{line}\n")
                        seq += 1
                        per_source[rec["source"]] += 1
                        truth.writerow([rec["source"], rec["source_id"],
                                        p.cluster])
                    if interactions:
                        for event in gen.interactions(p):
                            interactions.write(json.dumps(
                                event, ensure_ascii=False,
                                separators=(",", ":")) + "\n")
        for f in buckets.values():
            f.close()
        # Merge: months in order, each sorted by time then generation order.
        with open(os.path.join(args.out, "records.jsonl"), "w",
                  encoding="utf-8") as out:
            for month in sorted(buckets):
                with open(os.path.join(tmp, month), encoding="utf-8") as f:
                    lines = f.readlines()
                lines.sort()
                out.writelines(line.split("\t", 2)[2] for line in lines)
    finally:
        for f in buckets.values():
            f.close()
        if interactions:
            interactions.close()
        shutil.rmtree(tmp, ignore_errors=True)
    stats = dict(gen.stats)
    stats.update(persons=gen.persons, records=seq,
                 namesake_groups=len(gen.namesakes),
                 namesake_persons=sum(gen.namesakes.values()))
    stats.update((f"records_{k}", v) for k, v in per_source.items())
    return stats


def positive_int(text):
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text}: must be > 0")
    return value


def main(argv):
    parser = argparse.ArgumentParser(
        description="Generate French multichannel customer records with "
        "ground truth (records.jsonl, truth.csv).")
    parser.add_argument("--persons", type=positive_int, required=True,
                        help="number of real persons (records ~ 2.65x)")
    parser.add_argument("--seed", type=int, default=1,
                        help="random seed (default: %(default)s)")
    parser.add_argument("--out", required=True, help="output folder")
    parser.add_argument("--interactions", action="store_true",
                        help="also write interactions.jsonl (provisional)")
    args = parser.parse_args(argv)
    began = time.monotonic()
    try:
        stats = generate(args)
    except OSError as e:
        print(f"gen_customers.py: error: {e}", file=sys.stderr)
        return 1
    print(f"gen_customers.py: wrote {args.out} in "
          f"{time.monotonic() - began:.1f}s", file=sys.stderr)
    for key, value in stats.items():
        print(f"  {key}: {value}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
