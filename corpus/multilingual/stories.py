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
]
