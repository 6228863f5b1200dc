"""French vocabulary and spellings for gen_customers.py.

Given and family names, nicknames, communes with their postal codes,
streets, e-mail domains, and the ways French records spell phones and
typos. Standard library only; every function is pure given its rng.
"""

import unicodedata

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

