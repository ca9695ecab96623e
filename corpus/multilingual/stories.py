"""The multilingual sample's articles, as written for this project (see README.md).

Each article: its file name, story, language, outlet, date, title, paragraphs and the page
kind it is written out as (`make_documents.py` wraps it in the outlet's page or dump).
Everything is invented: the outlets, people, towns, clubs and companies; no text was copied
or machine-translated from a real article.
"""

from __future__ import annotations

ARTICLES: list[dict] = [
    # ---------------------------------------------------------------- quake-castelbruno
    {
        "file": "html/meridian-castelbruno-quake.html",
        "story": "quake-castelbruno",
        "language": "en",
        "outlet": "Meridian Wire",
        "date": "2026-04-14",
        "title": "Earthquake kills four in Italian hill town of Castelbruno",
        "author": "Giacomo Ferri",
        "paragraphs": [
            "ROME, April 14 (Meridian Wire) - A magnitude 5.7 earthquake struck the Abruzzo "
            "hills before dawn on Tuesday, killing four people and injuring 63 in the town of "
            "Castelbruno, civil protection officials said.",
            "The quake hit at 3:52 a.m. at a depth of 9 km. The bell tower of the church of "
            "Santa Rufina collapsed onto the square, and about 800 residents spent the day in "
            "tents set up on the football pitch.",
            '"We have lost four of our neighbours, and many families will sleep in tents '
            'tonight," mayor Giulia Ferretti told reporters in front of the town hall.',
            "The government released 12 million euros in emergency aid on Tuesday afternoon. "
            "More than 40 aftershocks were recorded by noon, the strongest of magnitude 3.9.",
        ],
    },
    {
        "file": "dumps/tagesblick-castelbruno-beben.txt",
        "story": "quake-castelbruno",
        "language": "de",
        "outlet": "Tagesblick",
        "date": "2026-04-14",
        "title": "Erdbeben in den Abruzzen: Vier Tote in Castelbruno",
        "author": "Miriam Hollweg",
        "paragraphs": [
            "Ein Erdbeben der Stärke 5,7 hat am Dienstag, 14. April 2026, die Kleinstadt "
            "Castelbruno in den italienischen Abruzzen erschüttert. Vier Menschen kamen ums "
            "Leben, 63 wurden verletzt.",
            "Der Glockenturm der Kirche Santa Rufina stürzte auf den Platz. Rund 800 Bewohner "
            "verbrachten den Tag in Zelten auf dem Fußballplatz.",
            "„Wir haben vier unserer Nachbarn verloren, und viele Familien werden heute Nacht "
            "in Zelten schlafen“, sagte Bürgermeisterin Giulia Ferretti vor dem Rathaus.",
            "Die Regierung in Rom gab zwölf Millionen Euro Soforthilfe frei. Bis zum Mittag "
            "zählten die Behörden mehr als 40 Nachbeben.",
        ],
    },
    {
        "file": "html/courrier-castelbruno-seisme.html",
        "story": "quake-castelbruno",
        "language": "fr",
        "outlet": "Le Courrier du Matin",
        "date": "2026-04-14",
        "title": "Séisme dans les Abruzzes : quatre morts à Castelbruno",
        "author": "Claire Vasseur",
        "paragraphs": [
            "Un séisme de magnitude 5,7 a frappé le mardi 14 avril 2026 avant l'aube la petite "
            "ville de Castelbruno, dans les Abruzzes, faisant quatre morts et 63 blessés.",
            "Le clocher de l'église Santa Rufina s'est effondré sur la place. Quelque 800 "
            "habitants ont passé la journée sous des tentes dressées sur le terrain de football.",
            "« Nous avons perdu quatre de nos voisins, et beaucoup de familles dormiront sous "
            "des tentes ce soir », a déclaré la maire, Giulia Ferretti, devant l'hôtel de ville.",
            "Rome a débloqué 12 millions d'euros d'aide d'urgence.",
        ],
    },
    {
        "file": "html/gaceta-castelbruno-terremoto.html",
        "story": "quake-castelbruno",
        "language": "es",
        "outlet": "La Gaceta del Puerto",
        "date": "2026-04-14",
        "title": "Un terremoto deja cuatro muertos en el pueblo italiano de Castelbruno",
        "author": "Irene Salcedo",
        "paragraphs": [
            "Un terremoto de magnitud 5,7 sacudió el martes 14 de abril de 2026 la localidad de "
            "Castelbruno, en la región italiana de los Abruzos, y causó cuatro muertos y 63 "
            "heridos.",
            "El campanario de la iglesia de Santa Rufina se desplomó sobre la plaza y unos 800 "
            "vecinos pasaron el día en tiendas de campaña instaladas en el campo de fútbol.",
            "«Hemos perdido a cuatro de nuestros vecinos y muchas familias dormirán esta noche "
            "en tiendas de campaña», dijo la alcaldesa, Giulia Ferretti.",
            "El Gobierno italiano aprobó 12 millones de euros de ayuda urgente.",
        ],
    },
    # ---------------------------------------------------------------- quake-kirazli
    {
        "file": "html/harbourtimes-kirazli-quake.html",
        "story": "quake-kirazli",
        "language": "en",
        "outlet": "Harbour Times",
        "date": "2026-04-16",
        "title": "Nine dead as strong earthquake hits western Turkish town",
        "author": "Tom Ashcroft",
        "paragraphs": [
            "A magnitude 6.2 earthquake struck the western Turkish town of Kirazlı on Thursday, "
            "killing nine people and injuring 130, the disaster agency said.",
            "The quake hit at 2:15 p.m. at a depth of 7 km. A five-storey apartment block and "
            "the roof of a covered market collapsed in the town centre.",
            '"Our teams pulled eleven people alive from the apartment block," said Emre Aksoy, '
            "the provincial governor, at an evening briefing.",
            "About 2,400 people spent the night in tents in the town stadium, and schools in "
            "the province will stay closed until Monday.",
        ],
    },
    {
        "file": "html/rheinbote-kirazli-beben.html",
        "story": "quake-kirazli",
        "language": "de",
        "outlet": "Rheinischer Bote",
        "date": "2026-04-16",
        "title": "Schweres Beben in der Westtürkei: Neun Tote in Kirazlı",
        "author": "Stefan Lohmeier",
        "paragraphs": [
            "Ein Erdbeben der Stärke 6,2 hat am Donnerstag die westtürkische Stadt Kirazlı "
            "getroffen. Neun Menschen starben, 130 wurden verletzt, teilte die "
            "Katastrophenschutzbehörde mit.",
            "Im Stadtzentrum stürzten ein fünfstöckiges Wohnhaus und das Dach einer Markthalle "
            "ein.",
            "„Unsere Teams haben elf Menschen lebend aus dem Wohnhaus geborgen“, sagte "
            "Provinzgouverneur Emre Aksoy am Abend.",
            "Rund 2400 Menschen verbrachten die Nacht in Zelten im Stadion der Stadt.",
        ],
    },
    {
        "file": "dumps/voixdusud-kirazli-seisme.txt",
        "story": "quake-kirazli",
        "language": "fr",
        "outlet": "La Voix du Sud",
        "date": "2026-04-16",
        "title": "Turquie : un séisme de magnitude 6,2 fait neuf morts à Kirazlı",
        "author": "Paul Mercadier",
        "paragraphs": [
            "Un tremblement de terre de magnitude 6,2 a secoué jeudi la ville de Kirazlı, dans "
            "l'ouest de la Turquie, faisant neuf morts et 130 blessés.",
            "Un immeuble de cinq étages et le toit d'un marché couvert se sont effondrés dans "
            "le centre-ville.",
            "« Nos équipes ont sorti onze personnes vivantes de l'immeuble », a indiqué le "
            "gouverneur de la province, Emre Aksoy.",
            "Quelque 2 400 personnes ont passé la nuit sous des tentes dans le stade.",
        ],
    },
    {
        "file": "html/vestnik-kirazli-zemletryasenie.html",
        "story": "quake-kirazli",
        "language": "ru",
        "outlet": "Северный вестник",
        "date": "2026-04-16",
        "title": "Землетрясение магнитудой 6,2 в Турции: девять погибших в Кыразлы",
        "author": "Анна Белова",
        "paragraphs": [
            "Землетрясение магнитудой 6,2 произошло в четверг, 16 апреля 2026 года, в городе "
            "Кыразлы на западе Турции. Погибли девять человек, 130 получили ранения.",
            "В центре города обрушились пятиэтажный жилой дом и крыша крытого рынка.",
            "«Наши спасатели извлекли из-под завалов дома одиннадцать человек живыми», — "
            "сообщил губернатор провинции Эмре Аксой.",
            "Около 2400 жителей провели ночь в палатках на городском стадионе.",
        ],
    },
    # ---------------------------------------------------------------- almadena-varenne
    {
        "file": "html/gaceta-almadena-varenne.html",
        "story": "almadena-varenne",
        "language": "es",
        "outlet": "La Gaceta del Puerto",
        "date": "2026-04-11",
        "title": "El Almadena remonta ante el Varenne y gana 2-1 en la ida de cuartos",
        "author": "Rubén Aldama",
        "paragraphs": [
            "El Sporting Almadena venció el sábado 11 de abril de 2026 por 2-1 al Olympique "
            "Varenne en la ida de los cuartos de final de la Copa Atlántica, en un estadio "
            "Ribera lleno.",
            "El Varenne se adelantó con un gol de Théo Marchal en el minuto 12. Nuno Teixeira "
            "empató antes del descanso y Dani Rosales marcó el 2-1 en el minuto 81.",
            "«El equipo no se rindió nunca, pero la eliminatoria sigue abierta», dijo el "
            "entrenador del Almadena, Martín Olabarri.",
        ],
    },
    {
        "file": "html/courrier-varenne-almadena.html",
        "story": "almadena-varenne",
        "language": "fr",
        "outlet": "Le Courrier du Matin",
        "date": "2026-04-11",
        "title": "Coupe Atlantique : l'Olympique Varenne s'incline 2-1 à Almadena",
        "author": "Hugo Delorme",
        "paragraphs": [
            "L'Olympique Varenne a perdu 2-1 samedi sur la pelouse du Sporting Almadena, en "
            "quart de finale aller de la Coupe Atlantique.",
            "Théo Marchal avait pourtant ouvert le score dès la 12e minute, mais Nuno Teixeira "
            "a égalisé avant la pause et Dani Rosales a donné la victoire aux Espagnols à la "
            "81e minute.",
            "« Nous avons manqué de fraîcheur, mais tout se jouera au retour », a estimé "
            "l'entraîneur de Varenne, Luc Pradier.",
        ],
    },
    {
        "file": "dumps/meridian-almadena-varenne.txt",
        "story": "almadena-varenne",
        "language": "en",
        "outlet": "Meridian Wire",
        "date": "2026-04-11",
        "title": "Late Rosales goal gives Almadena 2-1 win over Varenne",
        "author": "Sam Keane",
        "paragraphs": [
            "ALMADENA, Spain, April 11 (Meridian Wire) - Dani Rosales scored in the 81st minute "
            "as Sporting Almadena came from behind to beat Olympique Varenne 2-1 in the first "
            "leg of their Atlantic Cup quarter-final on Saturday.",
            "Théo Marchal had put the French side ahead after 12 minutes before Nuno Teixeira "
            "levelled for Almadena shortly before half-time.",
            '"The team never gave up, but the tie is still open," Almadena coach Martín '
            "Olabarri said.",
        ],
    },
    # ---------------------------------------------------------------- almadena-nordhafen
    {
        "file": "html/gaceta-almadena-nordhafen.html",
        "story": "almadena-nordhafen",
        "language": "es",
        "outlet": "La Gaceta del Puerto",
        "date": "2026-04-15",
        "title": "El Almadena empata 1-1 con el Nordhafen y cede terreno en la liga",
        "author": "Rubén Aldama",
        "paragraphs": [
            "El Sporting Almadena empató el miércoles 15 de abril de 2026 a uno con el FC "
            "Nordhafen en un partido aplazado de la Liga Atlántica disputado en el estadio "
            "Ribera.",
            "Lars Henningsen adelantó al Nordhafen en el minuto 33 y Nuno Teixeira igualó de "
            "penalti en el minuto 70. El portero Iker Basterra detuvo un disparo de Henningsen "
            "en el descuento.",
            "«Con tantas bajas, un punto no es un mal resultado», dijo Martín Olabarri.",
        ],
    },
    {
        "file": "dumps/tagesblick-nordhafen-almadena.txt",
        "story": "almadena-nordhafen",
        "language": "de",
        "outlet": "Tagesblick",
        "date": "2026-04-15",
        "title": "Nordhafen holt in Almadena ein 1:1",
        "author": "Jan Overbeck",
        "paragraphs": [
            "Der FC Nordhafen hat am Mittwoch beim Sporting Almadena ein 1:1 erreicht. Lars "
            "Henningsen brachte die Gäste in der 33. Minute in Führung.",
            "Nuno Teixeira glich in der 70. Minute per Elfmeter aus. In der Nachspielzeit "
            "parierte Almadenas Torwart Iker Basterra einen Schuss von Henningsen.",
            "„Wir hätten hier gewinnen können“, sagte Nordhafens Trainer Kai Brandstätter.",
        ],
    },
    {
        "file": "html/harbourtimes-almadena-nordhafen.html",
        "story": "almadena-nordhafen",
        "language": "en",
        "outlet": "Harbour Times",
        "date": "2026-04-15",
        "title": "Teixeira penalty earns Almadena a draw with Nordhafen",
        "author": "Ollie Brand",
        "paragraphs": [
            "Nuno Teixeira converted a 70th-minute penalty as Sporting Almadena drew 1-1 with "
            "FC Nordhafen in a rearranged Atlantic League match on Wednesday.",
            "Lars Henningsen had given Nordhafen the lead after 33 minutes, and Almadena "
            "goalkeeper Iker Basterra saved from Henningsen in stoppage time.",
            '"With so many players missing, a point is not a bad result," coach Martín '
            "Olabarri said.",
        ],
    },
    # ---------------------------------------------------------------- sevtrans-bridge
    {
        "file": "html/vestnik-sevtrans-most.html",
        "story": "sevtrans-bridge",
        "language": "ru",
        "outlet": "Северный вестник",
        "date": "2026-04-21",
        "title": "«Севтранс» опроверг сообщения о трещинах в мосту через Онегу",
        "author": "Игорь Ларин",
        "paragraphs": [
            "Железнодорожная компания «Севтранс» 21 апреля 2026 года опровергла сообщения о "
            "трещинах в опорах моста через реку Онегу под Белозёрском.",
            "«Мост полностью исправен, сообщения о трещинах не соответствуют действительности», "
            "— заявил пресс-секретарь компании Олег Жуковский.",
            "Ранее газета «Онежский курьер» со ссылкой на внутренний отчёт написала, что в "
            "двух опорах моста обнаружены трещины длиной до 40 сантиметров.",
            "По словам Жуковского, последняя проверка моста прошла в марте.",
        ],
    },
    {
        "file": "dumps/meridian-sevtrans-bridge.txt",
        "story": "sevtrans-bridge",
        "language": "en",
        "outlet": "Meridian Wire",
        "date": "2026-04-21",
        "title": "Russian rail operator Sevtrans denies cracks in Onega bridge",
        "author": "Nina Hartley",
        "paragraphs": [
            "MOSCOW, April 21 (Meridian Wire) - Russian rail operator Sevtrans on Tuesday "
            "denied a newspaper report that cracks had been found in the piers of its bridge "
            "over the Onega river near Belozyorsk.",
            '"The bridge is fully sound; reports of cracks do not correspond to reality," '
            "company spokesman Oleg Zhukovsky told reporters.",
            "The regional newspaper Onezhsky Kuryer, citing an internal report, said cracks of "
            "up to 40 centimetres had been found in two of the bridge's piers.",
            "Zhukovsky said the bridge was last inspected in March.",
        ],
    },
    {
        "file": "html/rheinbote-sevtrans-bruecke.html",
        "story": "sevtrans-bridge",
        "language": "de",
        "outlet": "Rheinischer Bote",
        "date": "2026-04-21",
        "title": "Russische Bahngesellschaft bestreitet Risse in Onega-Brücke",
        "author": "Stefan Lohmeier",
        "paragraphs": [
            "Die russische Bahngesellschaft Sevtrans hat am Dienstag einen Zeitungsbericht über "
            "Risse in den Pfeilern ihrer Brücke über die Onega bei Belosjorsk zurückgewiesen.",
            "„Die Brücke ist voll funktionsfähig, Berichte über Risse entsprechen nicht der "
            "Wirklichkeit“, sagte Unternehmenssprecher Oleg Schukowski.",
            "Die Regionalzeitung Onezhsky Kuryer hatte unter Berufung auf einen internen "
            "Bericht geschrieben, an zwei Pfeilern seien bis zu 40 Zentimeter lange Risse "
            "entdeckt worden.",
        ],
    },
    # ---------------------------------------------------------------- novoselsk-flood
    {
        "file": "html/vestnik-novoselsk-navodnenie.html",
        "story": "novoselsk-flood",
        "language": "ru",
        "outlet": "Северный вестник",
        "date": "2026-04-23",
        "title": "В Новосельске из-за паводка эвакуированы 3200 человек",
        "author": "Анна Белова",
        "paragraphs": [
            "В Новосельске из-за резкого подъёма воды в реке Кубенке 23 апреля 2026 года "
            "эвакуированы 3200 жителей, затоплены более 900 домов.",
            "«Вода поднялась на два метра за одну ночь, такого город не видел с 1978 года», — "
            "сказал заместитель губернатора Виктор Селезнёв.",
            "В городе введён режим чрезвычайной ситуации, в школах открыты пункты временного "
            "размещения.",
        ],
    },
    {
        "file": "html/harbourtimes-novoselsk-flood.html",
        "story": "novoselsk-flood",
        "language": "en",
        "outlet": "Harbour Times",
        "date": "2026-04-23",
        "title": "Thousands evacuated as river floods Russian town of Novoselsk",
        "author": "Tom Ashcroft",
        "paragraphs": [
            "About 3,200 residents of the Russian town of Novoselsk were evacuated on Thursday "
            "after the Kubenka river burst its banks, flooding more than 900 homes.",
            '"The water rose two metres in one night; the city has not seen anything like it '
            'since 1978," deputy governor Viktor Seleznyov said.',
            "A state of emergency was declared, and schools were turned into temporary shelters.",
        ],
    },
    {
        "file": "dumps/gaceta-novoselsk-inundacion.txt",
        "story": "novoselsk-flood",
        "language": "es",
        "outlet": "La Gaceta del Puerto",
        "date": "2026-04-23",
        "title": "Unas 3.200 personas evacuadas por una riada en la ciudad rusa de Novoselsk",
        "author": "Irene Salcedo",
        "paragraphs": [
            "Unas 3.200 personas fueron evacuadas el jueves en la ciudad rusa de Novoselsk "
            "por la crecida del río Kubenka, que inundó más de 900 viviendas.",
            "«El agua subió dos metros en una sola noche; la ciudad no veía algo así desde "
            "1978», dijo el vicegobernador Víktor Seleznev.",
            "Las autoridades declararon el estado de emergencia y habilitaron escuelas como "
            "refugios.",
        ],
    },
    {
        "file": "html/courrier-novoselsk-crue.html",
        "story": "novoselsk-flood",
        "language": "fr",
        "outlet": "Le Courrier du Matin",
        "date": "2026-04-23",
        "title": "Russie : 3 200 habitants évacués après la crue de la Koubenka à Novoselsk",
        "author": "Claire Vasseur",
        "paragraphs": [
            "Quelque 3 200 habitants de Novoselsk, en Russie, ont été évacués jeudi 23 avril "
            "2026 après la crue de la rivière Koubenka, qui a inondé plus de 900 maisons.",
            "L'état d'urgence a été décrété et des écoles ont été transformées en abris "
            "provisoires.",
            "Selon le vice-gouverneur Viktor Seleznev, l'eau est montée de deux mètres en une "
            "seule nuit.",
        ],
    },
    # ---------------------------------------------------------------- baltic-cod-quota
    {
        "file": "dumps/meridian-baltic-cod.txt",
        "story": "baltic-cod-quota",
        "language": "en",
        "outlet": "Meridian Wire",
        "date": "2026-04-27",
        "title": "EU ministers agree to cut Baltic cod quota by 30 percent",
        "author": "Helen Shaw",
        "paragraphs": [
            "BRUSSELS, April 27 (Meridian Wire) - European Union fisheries ministers agreed on "
            "Monday to cut next year's Baltic cod quota by 30 percent, after scientists warned "
            "that stocks had fallen to their lowest level on record.",
            "The deal, reached after eleven hours of talks, sets the catch at 4,900 tonnes and "
            "gives coastal fleets a compensation fund of 45 million euros.",
            '"This agreement gives the cod stocks time to recover without closing a single '
            'harbour," fisheries commissioner Annelie Strand told reporters.',
            "Poland and Denmark had pushed for a smaller cut. The quota will be reviewed in "
            "October.",
        ],
    },
    {
        "file": "html/rheinbote-ostsee-dorsch.html",
        "story": "baltic-cod-quota",
        "language": "de",
        "outlet": "Rheinischer Bote",
        "date": "2026-04-27",
        "title": "EU-Minister kürzen Fangquote für Ostsee-Dorsch um 30 Prozent",
        "author": None,
        "agency": "Meridian Wire",
        "paragraphs": [
            "BRÜSSEL, 27. April (Meridian Wire) - Die Fischereiminister der Europäischen Union "
            "haben sich am Montag darauf geeinigt, die Fangquote für Dorsch in der Ostsee im "
            "kommenden Jahr um 30 Prozent zu senken, nachdem Wissenschaftler gewarnt hatten, "
            "dass die Bestände auf den tiefsten Stand seit Beginn der Aufzeichnungen gefallen "
            "seien.",
            "Die Einigung, die nach elf Stunden Verhandlungen erzielt wurde, legt den Fang auf "
            "4900 Tonnen fest und gibt den Küstenflotten einen Ausgleichsfonds von 45 "
            "Millionen Euro.",
            "„Diese Einigung gibt den Dorschbeständen Zeit, sich zu erholen, ohne einen "
            "einzigen Hafen zu schließen“, sagte Fischereikommissarin Annelie Strand vor "
            "Journalisten.",
            "Polen und Dänemark hatten sich für eine geringere Kürzung eingesetzt. Die Quote "
            "wird im Oktober überprüft.",
            "Aus dem Englischen übersetzt. © Meridian Wire",
        ],
    },
    {
        "file": "html/courrier-cabillaud-baltique.html",
        "story": "baltic-cod-quota",
        "language": "fr",
        "outlet": "Le Courrier du Matin",
        "date": "2026-04-27",
        "title": "Pêche : l'UE réduit de 30 % le quota de cabillaud en Baltique",
        "author": "Hugo Delorme",
        "paragraphs": [
            "Les ministres européens de la pêche ont décidé lundi 27 avril 2026 de réduire de "
            "30 % le quota de cabillaud en mer Baltique pour l'an prochain.",
            "Les captures seront limitées à 4 900 tonnes, et un fonds de compensation de 45 "
            "millions d'euros aidera les flottes côtières.",
            "« Cet accord donne aux stocks de cabillaud le temps de se reconstituer sans fermer "
            "un seul port », a affirmé la commissaire à la pêche, Annelie Strand.",
            "Les pêcheurs bretons, qui ne pêchent pas en Baltique, suivent le dossier de près.",
        ],
    },
    {
        "file": "dumps/diario-bacalao-baltico.txt",
        "story": "baltic-cod-quota",
        "language": "es",
        "outlet": "El Diario Central",
        "date": "2026-04-27",
        "title": "La UE recorta un 30 % la cuota de bacalao del Báltico",
        "author": "Marta Lozano",
        "paragraphs": [
            "Los ministros de Pesca de la Unión Europea acordaron el lunes 27 de abril de 2026 "
            "reducir un 30 % la cuota de bacalao del mar Báltico para el próximo año.",
            "La captura queda fijada en 4.900 toneladas y se crea un fondo de compensación de "
            "45 millones de euros para las flotas costeras.",
            "La comisaria de Pesca, Annelie Strand, aseguró que el acuerdo permitirá "
            "recuperar la población sin cerrar ningún puerto.",
        ],
    },
    # ---------------------------------------------------------------- rail-strike
    {
        "file": "html/tagesblick-bahnstreik.html",
        "story": "rail-strike",
        "language": "de",
        "outlet": "Tagesblick",
        "date": "2026-04-29",
        "title": "Lokführer streiken 30 Stunden: Fernverkehr weitgehend eingestellt",
        "author": "Miriam Hollweg",
        "paragraphs": [
            "Die Lokführergewerkschaft VLD hat für Donnerstag, 30. April 2026, zu einem "
            "30-stündigen Streik im Güter- und Personenverkehr aufgerufen.",
            "Die Bahngesellschaft Nordbahn kündigte an, nur etwa jeden fünften Fernzug fahren "
            "zu lassen.",
            "„Wir streiken nicht gegen die Fahrgäste, sondern für sichere Schichtpläne“, sagte "
            "der VLD-Vorsitzende Jörg Kämmerer am Mittwoch in Kassel.",
            "Die Gewerkschaft fordert eine 35-Stunden-Woche und höchstens fünf Nachtschichten "
            "in Folge.",
        ],
    },
    {
        "file": "dumps/meridian-rail-strike.txt",
        "story": "rail-strike",
        "language": "en",
        "outlet": "Meridian Wire",
        "date": "2026-04-29",
        "title": "German train drivers call 30-hour strike from Thursday",
        "author": "Nina Hartley",
        "paragraphs": [
            "BERLIN, April 29 (Meridian Wire) - German train drivers' union VLD called a "
            "30-hour strike of passenger and freight services starting on Thursday, April 30, "
            "in a dispute over working hours.",
            "Operator Nordbahn said only about one in five long-distance trains would run.",
            '"We are not striking against passengers but for safe shift rosters," VLD leader '
            "Joerg Kaemmerer told a news conference in Kassel.",
            "The union wants a 35-hour week and no more than five night shifts in a row.",
        ],
    },
    {
        "file": "html/voixdusud-greve-allemagne.html",
        "story": "rail-strike",
        "language": "fr",
        "outlet": "La Voix du Sud",
        "date": "2026-04-29",
        "title": "Allemagne : les conducteurs de train en grève pendant 30 heures",
        "author": "Paul Mercadier",
        "paragraphs": [
            "Le syndicat allemand des conducteurs de train VLD a appelé à une grève de 30 "
            "heures à partir du jeudi 30 avril 2026.",
            "L'opérateur Nordbahn ne prévoit de faire circuler qu'un train grandes lignes sur "
            "cinq.",
            "Le syndicat réclame la semaine de 35 heures et un maximum de cinq nuits de travail "
            "d'affilée, a expliqué son président, Jörg Kämmerer.",
        ],
    },
    {
        "file": "html/diario-huelga-alemania.html",
        "story": "rail-strike",
        "language": "es",
        "outlet": "El Diario Central",
        "date": "2026-04-29",
        "title": "Los maquinistas alemanes convocan una huelga de 30 horas",
        "author": "Marta Lozano",
        "paragraphs": [
            "El sindicato alemán de maquinistas VLD convocó una huelga de 30 horas a partir "
            "del jueves 30 de abril de 2026.",
            "La operadora Nordbahn solo mantendrá uno de cada cinco trenes de larga distancia.",
            "«No hacemos huelga contra los pasajeros, sino por unos turnos seguros», dijo el "
            "líder del sindicato, Jörg Kämmerer.",
        ],
    },
    # ---------------------------------------------------------------- kalinow-mine
    {
        "file": "html/kurier-kalinow-kopalnia.html",
        "story": "kalinow-mine",
        "language": "pl",
        "outlet": "Kurier Nadwiślański",
        "date": "2026-05-05",
        "title": "Wybuch metanu w kopalni Kalinów. Nie żyje trzech górników, dwóch poszukiwanych",
        "author": "Katarzyna Mielczarek",
        "paragraphs": [
            "We wtorek, 5 maja 2026 r., około godziny 6.40 w kopalni węgla kamiennego Kalinów "
            "na Śląsku doszło do wybuchu metanu. Zginęło trzech górników, a 14 zostało rannych.",
            "W rejonie ściany na głębokości 850 metrów pracowało 27 osób. Dwudziestu dwóch "
            "górników wyjechało na powierzchnię o własnych siłach, dwóch wciąż jest "
            "poszukiwanych.",
            "„Nie przerwiemy poszukiwań, dopóki nie odnajdziemy obu naszych kolegów” – "
            "powiedział kierownik akcji ratowniczej Tomasz Wróblewski.",
            "Ratownicy pracują w temperaturze przekraczającej 40 stopni, a stężenie metanu w "
            "chodniku wciąż jest wysokie.",
            "Spółka Węglopol, właściciel kopalni, wstrzymała wydobycie do odwołania. Wojewoda "
            "Ewa Sadowska ogłosiła w regionie trzydniową żałobę.",
        ],
    },
    {
        "file": "dumps/meridian-kalinow-mine.txt",
        "story": "kalinow-mine",
        "language": "en",
        "outlet": "Meridian Wire",
        "date": "2026-05-05",
        "title": "Methane blast kills three miners in Poland, two missing",
        "author": "Helen Shaw",
        "paragraphs": [
            "KATOWICE, Poland, May 5 (Meridian Wire) - A methane explosion killed three miners "
            "and injured 14 at the Kalinow coal mine in southern Poland on Tuesday, and "
            "rescuers were searching for two men still missing, the mine's operator said.",
            "Twenty-seven miners were working 850 metres underground when the blast hit at "
            "about 6:40 a.m. Twenty-two of them reached the surface on their own.",
            '"We will not stop the search until we find both of our colleagues," rescue chief '
            "Tomasz Wroblewski told reporters at the mine gate.",
            "Temperatures in the gallery topped 40 degrees Celsius and methane levels remained "
            "high, slowing the rescue.",
            "Operator Weglopol halted production until further notice. Regional governor Ewa "
            "Sadowska declared three days of mourning.",
        ],
    },
    {
        "file": "html/tagesblick-kalinow-grube.html",
        "story": "kalinow-mine",
        "language": "de",
        "outlet": "Tagesblick",
        "date": "2026-05-05",
        "title": "Grubenunglück in Polen: Drei Bergleute tot, zwei vermisst",
        "author": "Jan Overbeck",
        "paragraphs": [
            "Bei einer Methanexplosion im Steinkohlebergwerk Kalinów in Schlesien sind am "
            "Dienstag, 5. Mai 2026, drei Bergleute ums Leben gekommen. 14 Kumpel wurden "
            "verletzt, zwei werden noch vermisst.",
            "Zum Zeitpunkt der Explosion arbeiteten 27 Bergleute in 850 Metern Tiefe. 22 von "
            "ihnen konnten sich selbst an die Oberfläche retten.",
            "„Wir werden die Suche nicht abbrechen, bis wir beide Kollegen gefunden haben“, "
            "sagte Rettungsleiter Tomasz Wróblewski.",
            "Die Retter arbeiten bei Temperaturen von über 40 Grad. Der Betreiber Węglopol hat "
            "die Förderung bis auf Weiteres eingestellt.",
        ],
    },
    {
        "file": "html/ufuq-kalinow-manjam.html",
        "story": "kalinow-mine",
        "language": "ar",
        "outlet": "الأفق",
        "date": "2026-05-05",
        "title": "مقتل ثلاثة عمال في انفجار غاز الميثان بمنجم للفحم في بولندا",
        "author": "سلمى الخطيب",
        "paragraphs": [
            "لقي ثلاثة عمال مناجم حتفهم وأصيب ١٤ آخرون في انفجار لغاز الميثان وقع صباح "
            "الثلاثاء ٥ مايو ٢٠٢٦ في منجم كالينوف للفحم جنوبي بولندا، فيما لا يزال عاملان في "
            "عداد المفقودين.",
            "وكان ٢٧ عاملاً يعملون على عمق ٨٥٠ متراً تحت الأرض لحظة الانفجار، وتمكن ٢٢ منهم من "
            "الخروج بمفردهم.",
            "وقال رئيس فرق الإنقاذ توماش فروبليفسكي: «لن نوقف البحث حتى نعثر على زميلينا "
            "الاثنين».",
            "وتعمل فرق الإنقاذ في درجة حرارة تتجاوز ٤٠ درجة مئوية، بينما لا يزال تركيز الغاز "
            "مرتفعاً داخل الممر.",
            "وأعلنت حاكمة المقاطعة إيفا سادوفسكا الحداد ثلاثة أيام. ويتساءل أهالي البلدة: هل "
            "كان بالإمكان تفادي الكارثة؟",
        ],
    },
    # ---------------------------------------------------------------- denizkent-ferry
    {
        "file": "dumps/gunaydin-denizkent-feribot.txt",
        "story": "denizkent-ferry",
        "language": "tr",
        "outlet": "Günaydın Postası",
        "date": "2026-05-07",
        "title": "Denizkent açıklarında feribotta yangın: 212 yolcu tahliye edildi",
        "author": "Mehmet Yalçınkaya",
        "paragraphs": [
            "Denizkent'ten Tavşanadası'na sefer yapan Yıldız Hatun feribotunun makine "
            "dairesinde 7 Mayıs 2026 Perşembe günü saat 10.20 sularında yangın çıktı.",
            "Feribottaki 212 yolcu ve 14 mürettebat, Sahil Güvenlik ekipleri ile yardıma koşan "
            "balıkçı tekneleri tarafından tahliye edildi. Dumandan etkilenen altı kişi "
            "hastaneye kaldırıldı.",
            "Vali Selim Karataş, “212 yolcumuzun ve 14 mürettebatımızın tamamı güvende, bunu "
            "yardıma koşan balıkçılarımıza borçluyuz” dedi.",
            "Römorkörle limana çekilen feribottaki yangın, yaklaşık iki saat sonra tamamen "
            "söndürüldü.",
            "Denizkent Cumhuriyet Başsavcılığı olayla ilgili soruşturma başlattı. Adaya "
            "feribot seferleri ikinci bir duyuruya kadar durduruldu.",
        ],
    },
    {
        "file": "html/harbourtimes-denizkent-ferry.html",
        "story": "denizkent-ferry",
        "language": "en",
        "outlet": "Harbour Times",
        "date": "2026-05-07",
        "title": "Fishing boats help rescue 212 passengers from burning Turkish ferry",
        "author": "Ollie Brand",
        "paragraphs": [
            "More than 200 passengers were evacuated from a burning ferry off the Aegean port "
            "of Denizkent in western Turkey on Thursday after fire broke out in its engine "
            "room, officials said.",
            "The coast guard and a dozen fishing boats took all 212 passengers and 14 crew off "
            "the Yildiz Hatun, which was sailing to the island of Tavsanadasi. Six people were "
            "treated in hospital for smoke inhalation.",
            '"All 212 passengers and 14 crew members are safe, and we owe that to the '
            'fishermen who came to help," provincial governor Selim Karatas said.',
            "The ferry was towed back to port, where firefighters put out the blaze about two "
            "hours later.",
            "Prosecutors opened an investigation, and ferry services to the island were "
            "suspended.",
        ],
    },
    {
        "file": "dumps/ufuq-denizkent-abbara.txt",
        "story": "denizkent-ferry",
        "language": "ar",
        "outlet": "الأفق",
        "date": "2026-05-07",
        "title": "إجلاء 212 راكباً من عبّارة اشتعلت فيها النيران قبالة السواحل التركية",
        "author": "كريم النجار",
        "paragraphs": [
            "أجلت فرق خفر السواحل التركية وقوارب صيد 212 راكباً و14 من أفراد الطاقم من عبّارة "
            "اندلع حريق في غرفة محركاتها قبالة ميناء دنيزكنت يوم الخميس 7 مايو 2026.",
            "وكانت العبّارة يلدز خاتون متجهة إلى جزيرة طاوشان أضه، ونُقل ستة أشخاص إلى "
            "المستشفى بعد استنشاقهم الدخان.",
            "وقال والي المنطقة سليم كاراتاش: «جميع الركاب الـ212 وأفراد الطاقم الـ14 بخير، "
            "ونحن مدينون بذلك للصيادين الذين هبّوا للمساعدة».",
            "وسُحبت العبّارة إلى الميناء، حيث أخمد رجال الإطفاء النيران بعد نحو ساعتين.",
            "وفتحت النيابة العامة تحقيقاً في الحادث، وعُلّقت رحلات العبّارات إلى الجزيرة حتى "
            "إشعار آخر.",
        ],
    },
    {
        "file": "html/kurier-denizkent-prom.html",
        "story": "denizkent-ferry",
        "language": "pl",
        "outlet": "Kurier Nadwiślański",
        "date": "2026-05-07",
        "title": "Pożar promu u wybrzeży Turcji. Rybacy pomogli ewakuować 212 pasażerów",
        "author": "Paweł Dąbrowa",
        "paragraphs": [
            "W czwartek, 7 maja 2026 r., w maszynowni promu Yıldız Hatun, który płynął z "
            "Denizkentu na wyspę Tavşanadası, wybuchł pożar.",
            "Straż przybrzeżna i kilkanaście łodzi rybackich ewakuowały wszystkich 212 "
            "pasażerów oraz 14 członków załogi. Sześć osób trafiło do szpitala z objawami "
            "zatrucia dymem.",
            "„Wszyscy pasażerowie i członkowie załogi są bezpieczni, zawdzięczamy to rybakom, "
            "którzy ruszyli na pomoc” – powiedział gubernator prowincji Selim Karataş.",
            "Prom odholowano do portu, gdzie strażacy ugasili ogień po około dwóch godzinach.",
            "Prokuratura wszczęła śledztwo, a połączenia promowe z wyspą zostały zawieszone.",
        ],
    },
    # ---------------------------------------------------------------- brzezie-mine
    {
        "file": "dumps/kurier-brzezie-tapniecie.txt",
        "story": "brzezie-mine",
        "language": "pl",
        "outlet": "Kurier Nadwiślański",
        "date": "2026-05-08",
        "title": "Tąpnięcie w kopalni miedzi Brzezie. Nie żyje górnik, sześciu rannych",
        "author": "Katarzyna Mielczarek",
        "paragraphs": [
            "W piątek, 8 maja 2026 r., w kopalni miedzi Brzezie na Dolnym Śląsku doszło do "
            "silnego wstrząsu i tąpnięcia na głębokości około 1000 metrów.",
            "Zginął 41-letni górnik, a sześciu jego kolegów zostało rannych. Pozostałych 58 "
            "pracowników oddziału wycofano na powierzchnię.",
            "„Wstrząs był odczuwalny w całym mieście, a skały spadły ze stropu prosto na "
            "przodek” – powiedziała rzeczniczka spółki Miedziostal Agnieszka Kaczmarek.",
            "Ranni trafili do szpitala powiatowego w Brzeziu, dwóch z nich jest w ciężkim "
            "stanie.",
            "Okręgowy Urząd Górniczy wszczął postępowanie wyjaśniające. To drugi wypadek w "
            "polskim górnictwie w tym tygodniu.",
        ],
    },
    {
        "file": "html/rheinbote-brzezie-gebirgsschlag.html",
        "story": "brzezie-mine",
        "language": "de",
        "outlet": "Rheinischer Bote",
        "date": "2026-05-08",
        "title": "Gebirgsschlag in polnischem Kupferbergwerk: Ein Toter, sechs Verletzte",
        "author": "Stefan Lohmeier",
        "paragraphs": [
            "Bei einem Gebirgsschlag im Kupferbergwerk Brzezie in Niederschlesien ist am "
            "Freitag, 8. Mai 2026, ein Bergmann getötet worden. Sechs weitere wurden verletzt.",
            "Die Erschütterung ereignete sich in rund 1000 Metern Tiefe. Die übrigen 58 "
            "Arbeiter der Schicht wurden an die Oberfläche gebracht.",
            "„Die Erschütterung war in der ganzen Stadt zu spüren“, sagte "
            "Unternehmenssprecherin Agnieszka Kaczmarek.",
            "Zwei der Verletzten schweben nach Angaben des Betreibers Miedziostal in "
            "Lebensgefahr. Die Bergbaubehörde hat Ermittlungen aufgenommen.",
        ],
    },
    {
        "file": "html/ufuq-brzezie-nuhas.html",
        "story": "brzezie-mine",
        "language": "ar",
        "outlet": "الأفق",
        "date": "2026-05-08",
        "title": "مقتل عامل وإصابة ستة في هزة صخرية بمنجم للنحاس في بولندا",
        "author": "سلمى الخطيب",
        "paragraphs": [
            "لقي عامل منجم حتفه وأصيب ستة آخرون يوم الجمعة ٨ مايو ٢٠٢٦ إثر هزة صخرية في منجم "
            "بجيجه للنحاس جنوب غربي بولندا، على عمق نحو ألف متر.",
            "وأُخرج العمال الـ٥٨ الآخرون إلى السطح، ونُقل المصابون إلى المستشفى، واثنان منهم "
            "في حالة خطرة.",
            "وقالت المتحدثة باسم شركة ميدزيوستال أنييشكا كاتشماريك: «شعر سكان المدينة كلها "
            "بالهزة».",
            "وفتحت هيئة المناجم تحقيقاً في الحادث. وهذا هو الحادث الثاني في قطاع التعدين "
            "البولندي هذا الأسبوع.",
        ],
    },
    {
        "file": "html/gunaydin-brzezie-maden.html",
        "story": "brzezie-mine",
        "language": "tr",
        "outlet": "Günaydın Postası",
        "date": "2026-05-08",
        "title": "Polonya'da bakır madeninde sarsıntı: 1 ölü, 6 yaralı",
        "author": "Elif Durmaz",
        "paragraphs": [
            "Polonya'nın güneybatısındaki Brzezie bakır madeninde 8 Mayıs 2026 Cuma günü "
            "yaklaşık 1000 metre derinlikte meydana gelen sarsıntıda bir madenci hayatını "
            "kaybetti, altı madenci yaralandı.",
            "Ocaktaki diğer 58 işçi yüzeye çıkarıldı. Yaralılardan ikisinin durumunun ağır "
            "olduğu bildirildi.",
            "Miedziostal şirketinin sözcüsü Agnieszka Kaczmarek, “Sarsıntı bütün kentte "
            "hissedildi” dedi.",
            "Polonya Maden Dairesi kazayla ilgili inceleme başlattı. Bu, ülkede bir hafta içinde "
            "yaşanan ikinci maden kazası.",
        ],
    },
    # ---------------------------------------------------------------- qasr-nawa-manuscripts
    {
        "file": "html/ufuq-qasr-nawa-makhtutat.html",
        "story": "qasr-nawa-manuscripts",
        "language": "ar",
        "outlet": "الأفق",
        "date": "2026-05-09",
        "title": "سرقة أربع عشرة مخطوطة نادرة من متحف دار الورّاق في قصر نوى",
        "author": "كريم النجار",
        "paragraphs": [
            "سرق لصوص فجر السبت 9 أيار 2026 أربع عشرة مخطوطة نادرة من متحف دار الورّاق في "
            "مدينة قصر نوى الأردنية، بعد أن عطّلوا نظام الإنذار.",
            "ويعود تاريخ المخطوطات المسروقة إلى ما بين القرنين الثاني عشر والرابع عشر، ومن "
            "بينها نسخة مزخرفة من كتاب في علم الفلك.",
            "وقالت مديرة المتحف ليلى حداد: «هذه المخطوطات ملك للإنسانية جمعاء، ونطلب من كل من "
            "تُعرض عليه أن يبلغ الشرطة».",
            "وعثرت الشرطة على شاحنة صغيرة مهجورة قرب الطريق الصحراوي، وأبلغت الإنتربول "
            "بالسرقة.",
            "وأعلنت وزارة السياحة عن مكافأة قدرها 50 ألف دينار لمن يدلي بمعلومات تقود إلى "
            "استعادة المخطوطات. فمن يقف وراء السرقة؟",
        ],
    },
    {
        "file": "html/meridian-qasr-nawa-manuscripts.html",
        "story": "qasr-nawa-manuscripts",
        "language": "en",
        "outlet": "Meridian Wire",
        "date": "2026-05-09",
        "title": "Thieves steal 14 rare manuscripts from Jordanian museum",
        "author": "Sam Keane",
        "paragraphs": [
            "AMMAN, May 9 (Meridian Wire) - Thieves stole 14 rare illuminated manuscripts from "
            "the Dar al-Warraq museum in the Jordanian town of Qasr Nawa early on Saturday "
            "after disabling its alarm system, police said.",
            "The manuscripts date from the 12th to the 14th century and include an illustrated "
            "treatise on astronomy.",
            '"These manuscripts belong to all of humanity, and we ask anyone who is offered '
            'them to tell the police," museum director Layla Haddad said.',
            "Police found an abandoned van near the desert highway and alerted Interpol.",
            "The tourism ministry offered a reward of 50,000 dinars for information leading to "
            "their recovery.",
        ],
    },
    {
        "file": "dumps/rheinbote-qasr-nawa-handschriften.txt",
        "story": "qasr-nawa-manuscripts",
        "language": "de",
        "outlet": "Rheinischer Bote",
        "date": "2026-05-09",
        "title": "Einbruch in jordanisches Museum: 14 seltene Handschriften gestohlen",
        "author": "Miriam Hollweg",
        "paragraphs": [
            "Unbekannte haben in der Nacht zum Samstag, 9. Mai 2026, 14 wertvolle "
            "Handschriften aus dem Museum Dar al-Warraq in der jordanischen Stadt Qasr Nawa "
            "gestohlen. Zuvor legten sie die Alarmanlage lahm.",
            "Die Manuskripte stammen aus dem 12. bis 14. Jahrhundert, darunter eine reich "
            "bebilderte Abhandlung über Astronomie.",
            "„Diese Handschriften gehören der ganzen Menschheit, und wir bitten jeden, dem sie "
            "angeboten werden, die Polizei zu informieren“, sagte Museumsdirektorin Layla "
            "Haddad.",
            "Die Polizei fand einen verlassenen Kleintransporter an der Wüstenstraße und "
            "schaltete Interpol ein.",
            "Das Tourismusministerium setzte eine Belohnung von 50.000 Dinar aus.",
        ],
    },
    {
        "file": "html/gunaydin-kasr-neva-muze.html",
        "story": "qasr-nawa-manuscripts",
        "language": "tr",
        "outlet": "Günaydın Postası",
        "date": "2026-05-09",
        "title": "Ürdün'de müzeden 14 nadir el yazması çalındı",
        "author": "Elif Durmaz",
        "paragraphs": [
            "Ürdün'ün Kasr Neva kentindeki Dar el-Verrak Müzesi'nden 9 Mayıs 2026 Cumartesi "
            "sabaha karşı 14 nadir el yazması çalındı.",
            "Hırsızlar önce müzenin alarm sistemini devre dışı bıraktı. Çalınan eserler 12. ile "
            "14. yüzyıllar arasına tarihleniyor.",
            "Müze müdürü Leyla Haddad, “Bu el yazmaları tüm insanlığa ait; kendisine satış "
            "teklif edilen herkesten polise haber vermesini istiyoruz” dedi.",
            "Polis, çöl yolunun yakınında terk edilmiş bir kamyonet buldu ve Interpol'e bilgi "
            "verdi.",
            "Turizm Bakanlığı, eserlerin bulunmasını sağlayacak bilgiye 50 bin dinar ödül "
            "verileceğini açıkladı.",
        ],
    },
]

STORIES = {
    "quake-castelbruno": {
        "title": "Magnitude 5.7 earthquake kills four in Castelbruno, Abruzzo",
        "kind": "earthquake",
        "date": "2026-04-14",
        "notes": "Same kind as quake-kirazli two days later; the two must stay apart.",
    },
    "quake-kirazli": {
        "title": "Magnitude 6.2 earthquake kills nine in Kirazlı, western Turkey",
        "kind": "earthquake",
        "date": "2026-04-16",
        "notes": "The Russian report writes the town in Cyrillic (Кыразлы).",
    },
    "almadena-varenne": {
        "title": "Sporting Almadena 2 Olympique Varenne 1 (Atlantic Cup quarter-final)",
        "kind": "sport",
        "date": "2026-04-11",
        "notes": "Same club as almadena-nordhafen four days later; the two must stay apart.",
    },
    "almadena-nordhafen": {
        "title": "Sporting Almadena 1 FC Nordhafen 1 (Atlantic League)",
        "kind": "sport",
        "date": "2026-04-15",
        "notes": "Shares Almadena, Teixeira, Olabarri and the stadium with almadena-varenne.",
    },
    "sevtrans-bridge": {
        "title": "Sevtrans denies cracks in its Onega bridge",
        "kind": "denial",
        "date": "2026-04-21",
        "notes": "Жуковский / Zhukovsky / Schukowski: one spokesman in three spellings.",
    },
    "novoselsk-flood": {
        "title": "Flood forces 3,200 from their homes in Novoselsk",
        "kind": "flood",
        "date": "2026-04-23",
        "notes": "Селезнёв / Seleznyov / Seleznev: one official in three spellings.",
    },
    "baltic-cod-quota": {
        "title": "EU cuts the Baltic cod quota by 30 percent",
        "kind": "policy",
        "date": "2026-04-27",
        "notes": "The German page is the wire report translated (a copy, not a source).",
    },
    "rail-strike": {
        "title": "German train drivers' 30-hour strike",
        "kind": "strike",
        "date": "2026-04-29",
        "notes": "Jörg Kämmerer / Joerg Kaemmerer.",
    },
    "kalinow-mine": {
        "title": "Methane blast kills three miners at the Kalinów coal mine, Silesia",
        "kind": "mining accident",
        "date": "2026-05-05",
        "notes": "Same kind as brzezie-mine three days later; the two must stay apart. "
        "Wróblewski / Wroblewski / توماش فروبليفسكي; the Arabic report in Arabic-Indic digits.",
    },
    "denizkent-ferry": {
        "title": "212 passengers evacuated from a burning ferry off Denizkent",
        "kind": "ferry fire",
        "date": "2026-05-07",
        "notes": "Karataş / Karatas / سليم كاراتاش; Yıldız Hatun / Yildiz Hatun.",
    },
    "brzezie-mine": {
        "title": "Rockburst kills a miner at the Brzezie copper mine, Lower Silesia",
        "kind": "mining accident",
        "date": "2026-05-08",
        "notes": "Shares Poland, miners, depth, rescue and the outlets with kalinow-mine, and "
        "says it is the week's second accident; must stay apart from it.",
    },
    "qasr-nawa-manuscripts": {
        "title": "Fourteen manuscripts stolen from the Dar al-Warraq museum in Qasr Nawa",
        "kind": "theft",
        "date": "2026-05-09",
        "notes": "ليلى حداد / Layla Haddad / Leyla Haddad; Qasr Nawa / Kasr Neva / قصر نوى.",
    },
}

# The same statement by the same speaker in two languages (or two renderings).
QUOTE_PAIRS = [
    (
        "quake-castelbruno",
        "Giulia Ferretti",
        [
            ("html/meridian-castelbruno-quake.html", "We have lost four of our neighbours"),
            ("dumps/tagesblick-castelbruno-beben.txt", "Wir haben vier unserer Nachbarn verloren"),
            ("html/courrier-castelbruno-seisme.html", "Nous avons perdu quatre de nos voisins"),
            (
                "html/gaceta-castelbruno-terremoto.html",
                "Hemos perdido a cuatro de nuestros vecinos",
            ),
        ],
    ),
    (
        "quake-kirazli",
        "Emre Aksoy",
        [
            ("html/harbourtimes-kirazli-quake.html", "Our teams pulled eleven people alive"),
            ("html/rheinbote-kirazli-beben.html", "Unsere Teams haben elf Menschen lebend"),
            ("dumps/voixdusud-kirazli-seisme.txt", "Nos équipes ont sorti onze personnes vivantes"),
        ],
    ),
    (
        "almadena-varenne",
        "Martín Olabarri",
        [
            ("html/gaceta-almadena-varenne.html", "El equipo no se rindió nunca"),
            ("dumps/meridian-almadena-varenne.txt", "The team never gave up"),
        ],
    ),
    (
        "almadena-nordhafen",
        "Martín Olabarri",
        [
            ("html/gaceta-almadena-nordhafen.html", "Con tantas bajas, un punto no es un mal"),
            ("html/harbourtimes-almadena-nordhafen.html", "With so many players missing"),
        ],
    ),
    (
        "sevtrans-bridge",
        "Oleg Zhukovsky",
        [
            ("html/vestnik-sevtrans-most.html", "Мост полностью исправен"),
            ("dumps/meridian-sevtrans-bridge.txt", "The bridge is fully sound"),
            ("html/rheinbote-sevtrans-bruecke.html", "Die Brücke ist voll funktionsfähig"),
        ],
    ),
    (
        "novoselsk-flood",
        "Viktor Seleznyov",
        [
            ("html/vestnik-novoselsk-navodnenie.html", "Вода поднялась на два метра"),
            ("html/harbourtimes-novoselsk-flood.html", "The water rose two metres in one night"),
            ("dumps/gaceta-novoselsk-inundacion.txt", "El agua subió dos metros"),
        ],
    ),
    (
        "baltic-cod-quota",
        "Annelie Strand",
        [
            ("dumps/meridian-baltic-cod.txt", "This agreement gives the cod stocks time"),
            ("html/courrier-cabillaud-baltique.html", "Cet accord donne aux stocks de cabillaud"),
        ],
    ),
    (
        "rail-strike",
        "Jörg Kämmerer",
        [
            ("html/tagesblick-bahnstreik.html", "Wir streiken nicht gegen die Fahrgäste"),
            ("dumps/meridian-rail-strike.txt", "We are not striking against passengers"),
            ("html/diario-huelga-alemania.html", "No hacemos huelga contra los pasajeros"),
        ],
    ),
    (
        "kalinow-mine",
        "Tomasz Wróblewski",
        [
            ("html/kurier-kalinow-kopalnia.html", "Nie przerwiemy poszukiwań"),
            ("dumps/meridian-kalinow-mine.txt", "We will not stop the search"),
            ("html/tagesblick-kalinow-grube.html", "Wir werden die Suche nicht abbrechen"),
            ("html/ufuq-kalinow-manjam.html", "لن نوقف البحث"),
        ],
    ),
    (
        "denizkent-ferry",
        "Selim Karataş",
        [
            ("dumps/gunaydin-denizkent-feribot.txt", "212 yolcumuzun ve 14 mürettebatımızın"),
            ("html/harbourtimes-denizkent-ferry.html", "All 212 passengers and 14 crew members"),
            ("dumps/ufuq-denizkent-abbara.txt", "جميع الركاب الـ212"),
            ("html/kurier-denizkent-prom.html", "Wszyscy pasażerowie i członkowie załogi"),
        ],
    ),
    (
        "brzezie-mine",
        "Agnieszka Kaczmarek",
        [
            ("dumps/kurier-brzezie-tapniecie.txt", "Wstrząs był odczuwalny w całym mieście"),
            ("html/rheinbote-brzezie-gebirgsschlag.html", "Die Erschütterung war in der ganzen"),
            ("html/ufuq-brzezie-nuhas.html", "شعر سكان المدينة كلها بالهزة"),
            ("html/gunaydin-brzezie-maden.html", "Sarsıntı bütün kentte hissedildi"),
        ],
    ),
    (
        "qasr-nawa-manuscripts",
        "Layla Haddad",
        [
            ("html/ufuq-qasr-nawa-makhtutat.html", "هذه المخطوطات ملك للإنسانية"),
            ("html/meridian-qasr-nawa-manuscripts.html", "These manuscripts belong to all"),
            ("dumps/rheinbote-qasr-nawa-handschriften.txt", "Diese Handschriften gehören"),
            ("html/gunaydin-kasr-neva-muze.html", "Bu el yazmaları tüm insanlığa ait"),
        ],
    ),
]

# A translated copy of a wire report: the original and its copies.
SYNDICATION = [
    {
        "original": "dumps/meridian-baltic-cod.txt",
        "copies": ["html/rheinbote-ostsee-dorsch.html"],
        "kind": "translated",
    },
]

# Dates written out in the article's language, as a reader resolves them.
TIMELINE = [
    ("dumps/tagesblick-castelbruno-beben.txt", "Dienstag, 14. April 2026", "2026-04-14"),
    ("html/courrier-castelbruno-seisme.html", "mardi 14 avril 2026", "2026-04-14"),
    ("html/gaceta-castelbruno-terremoto.html", "martes 14 de abril de 2026", "2026-04-14"),
    ("html/vestnik-kirazli-zemletryasenie.html", "16 апреля 2026 года", "2026-04-16"),
    ("html/vestnik-sevtrans-most.html", "21 апреля 2026 года", "2026-04-21"),
    ("html/tagesblick-bahnstreik.html", "Donnerstag, 30. April 2026", "2026-04-30"),
    ("html/voixdusud-greve-allemagne.html", "jeudi 30 avril 2026", "2026-04-30"),
    ("html/diario-huelga-alemania.html", "jueves 30 de abril de 2026", "2026-04-30"),
    ("html/gaceta-almadena-nordhafen.html", "miércoles 15 de abril de 2026", "2026-04-15"),
    ("html/kurier-kalinow-kopalnia.html", "5 maja 2026", "2026-05-05"),
    ("html/tagesblick-kalinow-grube.html", "Dienstag, 5. Mai 2026", "2026-05-05"),
    ("html/ufuq-kalinow-manjam.html", "٥ مايو ٢٠٢٦", "2026-05-05"),
    ("dumps/gunaydin-denizkent-feribot.txt", "7 Mayıs 2026", "2026-05-07"),
    ("dumps/ufuq-denizkent-abbara.txt", "7 مايو 2026", "2026-05-07"),
    ("html/kurier-denizkent-prom.html", "7 maja 2026", "2026-05-07"),
    ("dumps/kurier-brzezie-tapniecie.txt", "8 maja 2026", "2026-05-08"),
    ("html/ufuq-brzezie-nuhas.html", "٨ مايو ٢٠٢٦", "2026-05-08"),
    ("html/gunaydin-brzezie-maden.html", "8 Mayıs 2026", "2026-05-08"),
    ("html/ufuq-qasr-nawa-makhtutat.html", "9 أيار 2026", "2026-05-09"),
    ("html/gunaydin-kasr-neva-muze.html", "9 Mayıs 2026", "2026-05-09"),
]
