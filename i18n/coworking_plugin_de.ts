<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>@default</name>
    <message>
        <location filename="../coworking_plugin/core/connection.py" line="35"/>
        <source>No database connection is set. Choose a QGIS PostgreSQL connection.</source>
        <translation>Es ist keine Datenbankverbindung eingestellt. Wählen Sie eine PostgreSQL-Verbindung von QGIS.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/connection.py" line="46"/>
        <source>There is no QGIS PostgreSQL connection named “{name}”. Create it in the Data Source Manager or enter a connection string such as service=… or host=… dbname=….</source>
        <translation>Es gibt keine PostgreSQL-Verbindung „{name}“ in QGIS. Legen Sie sie in der Datenquellenverwaltung an oder geben Sie eine Verbindungszeichenkette wie service=… oder host=… dbname=… ein.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/connection.py" line="77"/>
        <source>Could not connect to the database: {error}</source>
        <translation>Verbindung zur Datenbank fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/drafts.py" line="224"/>
        <source>The site could not be written to the working copy: {error}</source>
        <translation>Der Standort konnte nicht in die Arbeitskopie geschrieben werden: {error}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/drafts.py" line="248"/>
        <source>The owner&apos;s contact could not be written to the working copy: {error}</source>
        <translation>Der Kontakt der Eigentümerin bzw. des Eigentümers konnte nicht in die Arbeitskopie geschrieben werden: {error}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/formconfig.py" line="63"/>
        <source>Location</source>
        <translation>Lage</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/formconfig.py" line="64"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/formconfig.py" line="65"/>
        <source>Publication</source>
        <translation>Veröffentlichung</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/formconfig.py" line="68"/>
        <source>Register</source>
        <translation>Register</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/formconfig.py" line="85"/>
        <source>(not specified)</source>
        <translation>(keine Angabe)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/formconfig.py" line="85"/>
        <source>(please choose)</source>
        <translation>(bitte wählen)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/geocoder.py" line="65"/>
        <source>The position of the result could not be converted to EPSG:25833.</source>
        <translation>Die Lage des Suchergebnisses konnte nicht nach EPSG:25833 umgerechnet werden.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/geocoder.py" line="153"/>
        <source>The address search did not answer within {seconds:g} seconds. Try again later, or place the site on the map.</source>
        <translation>Die Adresssuche hat nicht innerhalb von {seconds:g} Sekunden geantwortet. Versuchen Sie es später erneut oder setzen Sie den Standort in der Karte.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/geocoder.py" line="157"/>
        <source>The address search service {url} cannot be reached. Check the network connection and the geocoder address in the plugin settings.</source>
        <translation>Der Adresssuchdienst {url} ist nicht erreichbar. Prüfen Sie die Netzwerkverbindung und die Geocoder-Adresse in den Plugin-Einstellungen.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/geocoder.py" line="161"/>
        <source>The address search service is busy (too many requests). Wait a minute and try again.</source>
        <translation>Der Adresssuchdienst ist ausgelastet (zu viele Anfragen). Warten Sie eine Minute und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/geocoder.py" line="164"/>
        <source>The address search service answered with an error (HTTP {status}). Try again later, or place the site on the map.</source>
        <translation>Der Adresssuchdienst hat mit einem Fehler geantwortet (HTTP {status}). Versuchen Sie es später erneut oder setzen Sie den Standort in der Karte.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/geocoder.py" line="169"/>
        <source>The address search service sent an answer that is not Nominatim JSON. Check the geocoder address in the plugin settings.</source>
        <translation>Der Adresssuchdienst hat keine Nominatim-JSON-Antwort geliefert. Prüfen Sie die Geocoder-Adresse in den Plugin-Einstellungen.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/listimport.py" line="360"/>
        <source>The coordinates “{x}”, “{y}” are not numbers. Correct them or leave them empty to search the address.</source>
        <translation>Die Koordinaten „{x}“, „{y}“ sind keine Zahlen. Korrigieren Sie sie oder lassen Sie sie leer, damit die Adresse gesucht wird.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/listimport.py" line="365"/>
        <source>A brownfield needs its outline: import it from a polygon layer, or capture it in the dock.</source>
        <translation>Eine Brachfläche braucht ihren Umriss: Importieren Sie sie aus einem Polygon-Layer oder erfassen Sie sie im Fenster „Standorte erfassen“.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/listimport.py" line="370"/>
        <source>The row has neither coordinates nor an address to search. Add one of them.</source>
        <translation>Die Zeile hat weder Koordinaten noch eine Adresse für die Suche. Ergänzen Sie eines davon.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/listimport.py" line="378"/>
        <source>The address “{address}” was not found in Landkreis Meißen. Correct it or add coordinates.</source>
        <translation>Die Adresse „{address}“ wurde im Landkreis Meißen nicht gefunden. Korrigieren Sie sie oder ergänzen Sie Koordinaten.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/messages.py" line="46"/>
        <source>You do not edit sites of this municipality. Choose one of your municipalities or ask the county&apos;s administrator to assign it to you.</source>
        <translation>Sie bearbeiten keine Standorte dieser Gemeinde. Wählen Sie eine Ihrer Gemeinden oder bitten Sie die Administration des Landkreises, Ihnen diese Gemeinde zuzuweisen.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/messages.py" line="48"/>
        <source>Only a reviewer of the county approves or rejects sites. Save without changing the status: the site is then pending review.</source>
        <translation>Nur Prüfende des Landkreises geben Standorte frei oder lehnen sie ab. Speichern Sie ohne den Status zu ändern: Der Standort ist dann zur Prüfung vorgelegt.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/messages.py" line="50"/>
        <source>The review fields are filled in by the county&apos;s reviewers only.</source>
        <translation>Die Prüffelder füllen nur die Prüfenden des Landkreises aus.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/messages.py" line="53"/>
        <source>The value of “{field}” is not in its list of allowed values.</source>
        <translation>Der Wert von „{field}“ steht nicht in der Liste der zulässigen Werte.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/messages.py" line="54"/>
        <source>“{field}” is required.</source>
        <translation>„{field}“ ist ein Pflichtfeld.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/messages.py" line="55"/>
        <source>The value of “{field}” is not valid (range, length, format or a date in the future).</source>
        <translation>Der Wert von „{field}“ ist ungültig (Wertebereich, Länge, Format oder ein Datum in der Zukunft).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/messages.py" line="56"/>
        <source>The identifier of a site cannot be changed.</source>
        <translation>Die Kennung eines Standorts kann nicht geändert werden.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/messages.py" line="57"/>
        <source>Only an administrator can delete entries. Archive the site instead.</source>
        <translation>Nur die Administration kann Einträge löschen. Archivieren Sie den Standort stattdessen.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/messages.py" line="58"/>
        <source>The geometry of the site is missing or invalid. Redraw it and save again.</source>
        <translation>Die Geometrie des Standorts fehlt oder ist ungültig. Zeichnen Sie sie neu und speichern Sie erneut.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/messages.py" line="59"/>
        <source>Save the site before its owner&apos;s contact.</source>
        <translation>Speichern Sie zuerst den Standort, dann den Kontakt der Eigentümerin bzw. des Eigentümers.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/messages.py" line="60"/>
        <source>An archived site must be set back to pending before a decision.</source>
        <translation>Ein archivierter Standort muss vor einer Entscheidung wieder auf „Zur Prüfung“ gesetzt werden.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/messages.py" line="79"/>
        <source>Your database role lacks the permission for this. Ask the county&apos;s administrator.</source>
        <translation>Ihrer Datenbankrolle fehlt dafür die Berechtigung. Wenden Sie sich an die Administration des Landkreises.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/messages.py" line="80"/>
        <source>An entry with this identifier already exists.</source>
        <translation>Ein Eintrag mit dieser Kennung ist bereits vorhanden.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/messages.py" line="82"/>
        <source>Another change got in the way. Please try again.</source>
        <translation>Eine andere Änderung ist dazwischengekommen. Bitte versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/review/decisions.py" line="141"/>
        <source>The site no longer exists.</source>
        <translation>Den Standort gibt es nicht mehr.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/review/decisions.py" line="142"/>
        <source>The site was changed or decided meanwhile (now version {version}, {status}). Reload the list and look at it again.</source>
        <translation>Der Standort wurde inzwischen geändert oder entschieden (jetzt Version {version}, {status}). Laden Sie die Liste neu und sehen Sie ihn sich erneut an.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/sync/report.py" line="78"/>
        <source>Pushed: {inserted} new, {updated} changed, {archived} archived.</source>
        <translation>Hochgeladen: {inserted} neu, {updated} geändert, {archived} archiviert.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/sync/push.py" line="191"/>
        <source>The working copy {path} does not exist. Check out first.</source>
        <translation>Die Arbeitskopie {path} existiert nicht. Checken Sie zuerst aus.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/sync/pull.py" line="257"/>
        <source>The site was changed on the server too.</source>
        <translation>Der Standort wurde auch auf dem Server geändert.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/sync/push.py" line="281"/>
        <source>The connection to the register was lost during the push ({error}). Your edits are all still in the working copy. Push again: sites that already arrived are recognised and not stored twice.</source>
        <translation>Die Verbindung zum Register ist beim Hochladen abgebrochen ({error}). Alle Ihre Änderungen sind weiterhin in der Arbeitskopie. Laden Sie erneut hoch: Bereits angekommene Standorte werden erkannt und nicht doppelt gespeichert.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/sync/push.py" line="288"/>
        <source>The register refused the push: {error}</source>
        <translation>Das Register hat das Hochladen abgewiesen: {error}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/sync/push.py" line="316"/>
        <source>The site was changed on the server since your last checkout or pull.</source>
        <translation>Der Standort wurde seit Ihrem letzten Auschecken oder Abrufen auf dem Server geändert.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/validation.py" line="76"/>
        <source>“{label}” is required. Please fill it in.</source>
        <translation>„{label}“ ist ein Pflichtfeld. Bitte füllen Sie es aus.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/validation.py" line="81"/>
        <source>“{label}” must be greater than 0 m². Digitise a polygon with an area.</source>
        <translation>„{label}“ muss größer als 0 m² sein. Digitalisieren Sie ein Polygon mit Fläche.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/validation.py" line="83"/>
        <source>“{label}” must be between {minimum} and {maximum}. Please correct the value.</source>
        <translation>„{label}“ muss zwischen {minimum} und {maximum} liegen. Bitte korrigieren Sie den Wert.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/validation.py" line="86"/>
        <source>“{label}” must be at least {minimum}. Please correct the value.</source>
        <translation>„{label}“ muss mindestens {minimum} sein. Bitte korrigieren Sie den Wert.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/validation.py" line="88"/>
        <source>“{label}” must be at most {maximum}. Please correct the value.</source>
        <translation>„{label}“ darf höchstens {maximum} sein. Bitte korrigieren Sie den Wert.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/validation.py" line="93"/>
        <source>“{label}” may have at most {n} characters. Please shorten it.</source>
        <translation>„{label}“ darf höchstens {n} Zeichen haben. Bitte kürzen Sie den Text.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/validation.py" line="98"/>
        <source>an 8-digit municipality key of Landkreis Meißen, e.g. 14627140 for Meißen</source>
        <translation>ein 8-stelliger Gemeindeschlüssel des Landkreises Meißen, z. B. 14627140 für Meißen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/validation.py" line="99"/>
        <source>five digits, e.g. 01662</source>
        <translation>fünf Ziffern, z. B. 01662</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/validation.py" line="100"/>
        <source>digits, spaces and + ( ) / - only</source>
        <translation>nur Ziffern, Leerzeichen und + ( ) / -</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/validation.py" line="101"/>
        <source>an address like name@example.de</source>
        <translation>eine Adresse wie name@example.de</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/validation.py" line="103"/>
        <source>see the field&apos;s help</source>
        <translation>siehe Hilfe zum Feld</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/validation.py" line="104"/>
        <source>“{label}” has the wrong format. Expected: {hint}.</source>
        <translation>„{label}“ hat das falsche Format. Erwartet: {hint}.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/validation.py" line="108"/>
        <source>“{label}” lies in the future. Enter a date up to today.</source>
        <translation>„{label}“ liegt in der Zukunft. Geben Sie ein Datum bis heute ein.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/validation.py" line="123"/>
        <source>“{label}” must be a number. Please correct the value.</source>
        <translation>„{label}“ muss eine Zahl sein. Bitte korrigieren Sie den Wert.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/validation.py" line="127"/>
        <source>“{label}” must be a date (DD.MM.YYYY). Please correct the value.</source>
        <translation>„{label}“ muss ein Datum sein (TT.MM.JJJJ). Bitte korrigieren Sie den Wert.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/validation.py" line="131"/>
        <source>“{label}”: “{value}” is not one of the allowed values. Choose one from the list.</source>
        <translation>„{label}“: „{value}“ ist kein zulässiger Wert. Wählen Sie einen Wert aus der Liste.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/geometry.py" line="60"/>
        <source>A brownfield needs an outline: digitise a polygon or take a polygon feature (for example a parcel).</source>
        <translation>Eine Brachfläche braucht einen Umriss: Digitalisieren Sie ein Polygon oder übernehmen Sie ein Polygon-Objekt (zum Beispiel ein Flurstück).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/geometry.py" line="63"/>
        <source>The polygon could not be stored as a multipolygon. Digitise it again.</source>
        <translation>Das Polygon konnte nicht als Multipolygon gespeichert werden. Digitalisieren Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/geometry.py" line="69"/>
        <source>A vacancy is one building: click a single point.</source>
        <translation>Ein Leerstand ist ein Gebäude: Klicken Sie einen einzelnen Punkt.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/geometry.py" line="74"/>
        <source>A vacancy needs a point: click the building or take a building or address feature.</source>
        <translation>Ein Leerstand braucht einen Punkt: Klicken Sie auf das Gebäude oder übernehmen Sie ein Gebäude- oder Adress-Objekt.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/geometry.py" line="85"/>
        <source>The site has no geometry yet. Digitise it on the map, search an address, or take the geometry of a selected feature.</source>
        <translation>Der Standort hat noch keine Geometrie. Digitalisieren Sie ihn in der Karte, suchen Sie eine Adresse oder übernehmen Sie die Geometrie eines ausgewählten Objekts.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/geometry.py" line="90"/>
        <source>The geometry could not be transformed from {crs} to EPSG:25833 ({error}). Check the layer&apos;s coordinate reference system.</source>
        <translation>Die Geometrie konnte nicht von {crs} nach EPSG:25833 transformiert werden ({error}). Prüfen Sie das Koordinatenbezugssystem des Layers.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/geometry.py" line="107"/>
        <source>The geometry was invalid and has been repaired. Check the outline on the map.</source>
        <translation>Die Geometrie war ungültig und wurde repariert. Prüfen Sie den Umriss in der Karte.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/geometry.py" line="112"/>
        <source>The outline is invalid ({error}) at E {x:.1f}, N {y:.1f} (EPSG:25833). Correct the outline there, or choose “Repair geometry”.</source>
        <translation>Der Umriss ist ungültig ({error}) bei O {x:.1f}, N {y:.1f} (EPSG:25833). Korrigieren Sie den Umriss dort oder wählen Sie „Geometrie reparieren“.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/geometry.py" line="117"/>
        <source>The geometry is empty after repair. Digitise the site again.</source>
        <translation>Die Geometrie ist nach der Reparatur leer. Digitalisieren Sie den Standort erneut.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/geometry.py" line="122"/>
        <source>The site lies outside Landkreis Meißen (at E {x:.0f}, N {y:.0f}, EPSG:25833). Check the position and the coordinate reference system of the source, and place the site inside the county.</source>
        <translation>Der Standort liegt außerhalb des Landkreises Meißen (bei O {x:.0f}, N {y:.0f}, EPSG:25833). Prüfen Sie die Lage und das Koordinatenbezugssystem der Quelle und setzen Sie den Standort innerhalb des Landkreises.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/duplicates.py" line="32"/>
        <source>working copy</source>
        <translation>Arbeitskopie</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/duplicates.py" line="32"/>
        <source>register, approved</source>
        <translation>Register, freigegeben</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/duplicates.py" line="34"/>
        <source>Possible duplicate: “{name}” ({where}) has the same address “{address}”. Open it to compare, or save anyway if this is a different site.</source>
        <translation>Mögliche Dublette: „{name}“ ({where}) hat dieselbe Adresse „{address}“. Öffnen Sie ihn zum Vergleich oder speichern Sie trotzdem, wenn es ein anderer Standort ist.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/duplicates.py" line="37"/>
        <source>Possible duplicate: “{name}” ({where}) lies {distance:.0f} m away. Open it to compare, or save anyway if this is a different site.</source>
        <translation>Mögliche Dublette: „{name}“ ({where}) liegt {distance:.0f} m entfernt. Öffnen Sie ihn zum Vergleich oder speichern Sie trotzdem, wenn es ein anderer Standort ist.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/db/install.py" line="36"/>
        <source>Register installed or upgraded to version {version} (applied: {applied}).</source>
        <translation>Register auf Version {version} installiert bzw. aktualisiert (angewendet: {applied}).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/db/install.py" line="39"/>
        <source>The register is up to date (version {version}).</source>
        <translation>Das Register ist aktuell (Version {version}).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/db/install.py" line="44"/>
        <source>Layer styles could not be stored for: {kinds}.</source>
        <translation>Layerstile konnten nicht gespeichert werden für: {kinds}.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/db/install.py" line="56"/>
        <source>The municipalities layer needs a field with the 8-digit key (AGS) and one with the name (GEN or name); it has: {fields}.</source>
        <translation>Der Gemeinde-Layer braucht ein Feld mit dem 8-stelligen Schlüssel (AGS) und eines mit dem Namen (GEN oder name); er hat: {fields}.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/db/roles.py" line="42"/>
        <source>Unknown municipality “{value}”: use the 8-digit key (e.g. 14627140) or the name.</source>
        <translation>Unbekannte Gemeinde „{value}“: Verwenden Sie den 8-stelligen Schlüssel (z. B. 14627140) oder den Namen.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/db/roles.py" line="83"/>
        <source>Unknown group “{group}”: choose one of {groups}.</source>
        <translation>Unbekannte Gruppe „{group}“: Wählen Sie eine von {groups}.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/db/roles.py" line="51"/>
        <source>There is no database role “{role}”. Create the login role first (CREATE ROLE … LOGIN PASSWORD …).</source>
        <translation>Es gibt keine Datenbankrolle „{role}“. Legen Sie zuerst die Login-Rolle an (CREATE ROLE … LOGIN PASSWORD …).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/db/styles.py" line="54"/>
        <source>Could not open the table coworking.{table} to store its style.</source>
        <translation>Die Tabelle coworking.{table} konnte nicht geöffnet werden, um ihren Stil zu speichern.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/db/styles.py" line="88"/>
        <source>Coworking register: form and symbols by review status</source>
        <translation>Coworking-Register: Formular und Symbole nach Prüfstatus</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/install_action.py" line="38"/>
        <source>Installation canceled; the database was not changed.</source>
        <translation>Installation abgebrochen; die Datenbank wurde nicht verändert.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/install_action.py" line="41"/>
        <source>Installing the register failed; the database was not changed: {error}</source>
        <translation>Die Installation des Registers ist fehlgeschlagen; die Datenbank wurde nicht verändert: {error}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/install_action.py" line="44"/>
        <source>Installing or upgrading the register database</source>
        <translation>Registerdatenbank wird installiert oder aktualisiert</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/install_action.py" line="62"/>
        <source>Install or upgrade database</source>
        <translation>Datenbank installieren oder aktualisieren</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/install_action.py" line="56"/>
        <source>QGIS PostgreSQL connection or connection string (you need to be the database&apos;s administrator):</source>
        <translation>PostgreSQL-Verbindung von QGIS oder Verbindungszeichenkette (Sie müssen die Datenbank administrieren dürfen):</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/install_action.py" line="62"/>
        <source>Install or upgrade the coworking register in “{database}”? Existing data is kept.</source>
        <translation>Das Coworking-Register in „{database}“ installieren oder aktualisieren? Vorhandene Daten bleiben erhalten.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/install_action.py" line="62"/>
        <source>the database given</source>
        <translation>die angegebene Datenbank</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/options.py" line="78"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/options.py" line="62"/>
        <source>Suitability profile (*.json)</source>
        <translation>Eignungsprofil (*.json)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/options.py" line="64"/>
        <source>empty: the profile shipped with the plugin</source>
        <translation>leer: das mit dem Plugin gelieferte Profil</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/options.py" line="68"/>
        <source>your office&apos;s e-mail address (Nominatim usage policy)</source>
        <translation>E-Mail-Adresse Ihrer Dienststelle (Nutzungsrichtlinie von Nominatim)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/options.py" line="75"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/options.py" line="71"/>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/options.py" line="83"/>
        <source>Register database</source>
        <translation>Registerdatenbank</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/options.py" line="86"/>
        <source>Working copy (GeoPackage)</source>
        <translation>Arbeitskopie (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/options.py" line="87"/>
        <source>Suitability profile</source>
        <translation>Eignungsprofil</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/options.py" line="88"/>
        <source>Geocoder URL</source>
        <translation>URL des Geocoders</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/options.py" line="89"/>
        <source>Contact e-mail for the geocoder</source>
        <translation>Kontakt-E-Mail für den Geocoder</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/options.py" line="90"/>
        <source>Pause between geocoder requests</source>
        <translation>Pause zwischen Geocoder-Anfragen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/options.py" line="91"/>
        <source>Geocoder timeout</source>
        <translation>Zeitlimit des Geocoders</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/options.py" line="92"/>
        <source>Duplicate check distance</source>
        <translation>Abstand für die Dublettenprüfung</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/options.py" line="98"/>
        <source>The public Nominatim allows one request per second; keep the pause at 1 s or more unless you run your own geocoder.</source>
        <translation>Der öffentliche Nominatim-Dienst erlaubt eine Anfrage pro Sekunde; lassen Sie die Pause bei 1 s oder mehr, außer Sie betreiben einen eigenen Geocoder.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/plugin.py" line="163"/>
        <source>Coworking</source>
        <translation>Coworking</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/plugin.py" line="30"/>
        <source>Capture sites</source>
        <translation>Standorte erfassen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/plugin.py" line="30"/>
        <source>Review sites</source>
        <translation>Standorte prüfen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/plugin.py" line="30"/>
        <source>Site suitability</source>
        <translation>Standorteignung</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/plugin.py" line="30"/>
        <source>Sync with the register</source>
        <translation>Abgleich mit dem Register</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/plugin.py" line="166"/>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/plugin.py" line="173"/>
        <source>Install or upgrade database…</source>
        <translation>Datenbank installieren oder aktualisieren…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/layers.py" line="331"/>
        <source>The reference layer “{role}” has no features.</source>
        <translation>Der Referenz-Layer „{role}“ enthält keine Objekte.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/profile.py" line="190"/>
        <source>Weight of {criterion} in {model} must not be negative.</source>
        <translation>Das Gewicht von {criterion} in {model} darf nicht negativ sein.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/profile.py" line="268"/>
        <source>Criterion {id}: the curve must be a list of [value, score] pairs.</source>
        <translation>Kriterium {id}: Die Kurve muss eine Liste von [Wert, Punktwert]-Paaren sein.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/profile.py" line="271"/>
        <source>Criterion {id}: the curve needs at least one point.</source>
        <translation>Kriterium {id}: Die Kurve braucht mindestens einen Punkt.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/profile.py" line="274"/>
        <source>Criterion {id}: the curve values must not decrease ({values}).</source>
        <translation>Kriterium {id}: Die Werte der Kurve dürfen nicht abnehmen ({values}).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/profile.py" line="277"/>
        <source>Criterion {id}: the curve scores must lie between 0 and 1.</source>
        <translation>Kriterium {id}: Die Punktwerte der Kurve müssen zwischen 0 und 1 liegen.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/profile.py" line="289"/>
        <source>Criterion {id}: the kind must be one of {kinds}.</source>
        <translation>Kriterium {id}: Die Art muss eine von {kinds} sein.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/profile.py" line="306"/>
        <source>Criterion {id}: name the reference layers it reads (“layers”).</source>
        <translation>Kriterium {id}: Nennen Sie die Referenz-Layer, die es liest („layers“).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/profile.py" line="309"/>
        <source>Criterion {id}: a count needs a positive radius (“radius_m”).</source>
        <translation>Kriterium {id}: Eine Zählung braucht einen positiven Radius („radius_m“).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/profile.py" line="312"/>
        <source>Criterion {id}: name the site field it reads (“field”).</source>
        <translation>Kriterium {id}: Nennen Sie das Standortfeld, das es liest („field“).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/profile.py" line="314"/>
        <source>Criterion {id}: give the target point (“point”: [x, y]).</source>
        <translation>Kriterium {id}: Geben Sie den Zielpunkt an („point“: [x, y]).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/profile.py" line="317"/>
        <source>The criterion ids must be unique.</source>
        <translation>Die Kennungen der Kriterien müssen eindeutig sein.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/profile.py" line="327"/>
        <source>Model {model}: weight for the unknown criterion {id}.</source>
        <translation>Modell {model}: Gewicht für das unbekannte Kriterium {id}.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/profile.py" line="330"/>
        <source>Model {model}: the weight of {id} must not be negative.</source>
        <translation>Modell {model}: Das Gewicht von {id} darf nicht negativ sein.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/profile.py" line="338"/>
        <source>Knock-out {id}: the rule must be one of {rules}.</source>
        <translation>Ausschlusskriterium {id}: Die Regel muss eine von {rules} sein.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/profile.py" line="355"/>
        <source>The profile entry {entry} is missing.</source>
        <translation>Der Profileintrag {entry} fehlt.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/profile.py" line="389"/>
        <source>This is not a JSON profile: {error}</source>
        <translation>Dies ist kein JSON-Profil: {error}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/sync/report.py" line="22"/>
        <source>The register is older than this plugin. Ask the county&apos;s administrator to update it (Install or upgrade the register database), then try again. Your edits are all still in the working copy.</source>
        <translation>Das Register ist älter als dieses Plugin. Bitten Sie die Administration des Landkreises, es zu aktualisieren („Registerdatenbank installieren oder aktualisieren“), und versuchen Sie es dann erneut. Ihre Änderungen sind alle noch in der Arbeitskopie.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/settings.py" line="46"/>
        <source>The register connection contained a password. Passwords are never stored: it was removed and the rest of the connection kept. Keep the password in a QGIS authentication configuration or a pg_service.conf file.</source>
        <translation>Die Register-Verbindung enthielt ein Passwort. Passwörter werden nie gespeichert: Es wurde entfernt, der Rest der Verbindung bleibt erhalten. Hinterlegen Sie das Passwort in einer QGIS-Authentifizierungskonfiguration oder in einer Datei pg_service.conf.</translation>
    </message>
    <message numerus="yes">
        <location filename="../coworking_plugin/core/sync/report.py" line="65"/>
        <source>%n approved</source>
        <translation>
            <numerusform>%n freigegeben</numerusform>
            <numerusform>%n freigegeben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../coworking_plugin/core/sync/report.py" line="68"/>
        <source>%n rejected: {reasons}</source>
        <translation>
            <numerusform>%n abgelehnt: {reasons}</numerusform>
            <numerusform>%n abgelehnt: {reasons}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/sync/report.py" line="74"/>
        <source>Nothing was pushed: {conflicts} and {refused}. Resolve the conflicts, fix the refused sites and push again.</source>
        <translation>Nichts wurde hochgeladen: {conflicts} und {refused}. Lösen Sie die Konflikte, korrigieren Sie die abgewiesenen Standorte und laden Sie erneut hoch.</translation>
    </message>
    <message numerus="yes">
        <location filename="../coworking_plugin/core/sync/report.py" line="83"/>
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n Konflikt</numerusform>
            <numerusform>%n Konflikte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../coworking_plugin/core/sync/report.py" line="75"/>
        <source>%n refused site(s)</source>
        <translation>
            <numerusform>%n abgewiesener Standort</numerusform>
            <numerusform>%n abgewiesene Standorte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../coworking_plugin/core/sync/report.py" line="81"/>
        <source>%n conflict(s) still unresolved.</source>
        <translation>
            <numerusform>%n Konflikt ist noch ungelöst.</numerusform>
            <numerusform>%n Konflikte sind noch ungelöst.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/sync/report.py" line="84"/>
        <source>Updated from the register: {inserted} new, {updated} changed, {removed} removed, {conflicts}.</source>
        <translation>Aus dem Register aktualisiert: {inserted} neu, {updated} geändert, {removed} entfernt, {conflicts}.</translation>
    </message>
    <message numerus="yes">
        <location filename="../coworking_plugin/db/install.py" line="41"/>
        <source>%n municipality(ies) loaded.</source>
        <translation>
            <numerusform>%n Gemeinde geladen.</numerusform>
            <numerusform>%n Gemeinden geladen.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/options.py" line="43"/>
        <source>A QGIS PostgreSQL connection (Data Source Manager), a libpq service or a connection string such as host=… dbname=…. Passwords belong in QGIS's authentication manager, not here.</source>
        <translation>Eine PostgreSQL-Verbindung von QGIS (Datenquellenverwaltung), ein libpq-Service oder eine Verbindungszeichenkette wie host=… dbname=…. Passwörter gehören in die Authentifizierungsverwaltung von QGIS, nicht hierher.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/options.py" line="48"/>
        <source>User name and password for a typed connection string, kept encrypted in QGIS&apos;s authentication manager. QGIS connections bring their own.</source>
        <translation>Benutzername und Passwort für eine eingegebene Verbindungszeichenkette, verschlüsselt in der Authentifizierungsverwaltung von QGIS. QGIS-Verbindungen bringen ihre eigenen mit.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/options.py" line="50"/>
        <source>A password is never stored: it is removed when you press OK. Choose an authentication configuration below instead, or a libpq service.</source>
        <translation>Ein Passwort wird nie gespeichert: Es wird beim Klick auf OK entfernt. Wählen Sie stattdessen unten eine Authentifizierungskonfiguration oder einen libpq-Service.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/options.py" line="85"/>
        <source>Credentials (connection string only)</source>
        <translation>Zugangsdaten (nur für Verbindungszeichenkette)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/listimport.py" line="48"/>
        <source>imported</source>
        <translation>importiert</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/listimport.py" line="48"/>
        <source>already imported</source>
        <translation>bereits importiert</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/listimport.py" line="48"/>
        <source>not placed</source>
        <translation>nicht verortet</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/listimport.py" line="49"/>
        <source>invalid</source>
        <translation>ungültig</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/listimport.py" line="49"/>
        <source>not processed</source>
        <translation>nicht bearbeitet</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/listimport.py" line="54"/>
        <source>Row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/indicators.py" line="194"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/listimport.py" line="54"/>
        <source>Name</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/listimport.py" line="54"/>
        <source>Identifier (UUID)</source>
        <translation>Kennung (UUID)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/listimport.py" line="55"/>
        <source>Messages</source>
        <translation>Meldungen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/listimport.py" line="92"/>
        <source>ID of the row</source>
        <translation>Nummer der Zeile</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/listimport.py" line="134"/>
        <source>“{target}” is not a field of the catalogue. Write a field's name or its German or English label on the left, e.g. “Bezeichnung=Objekt”.</source>
        <translation>„{target}“ ist kein Feld des Katalogs. Schreiben Sie links den Namen eines Feldes oder seine deutsche oder englische Bezeichnung, z. B. „Bezeichnung=Objekt“.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/listimport.py" line="137"/>
        <source>The list has no column “{column}”. Its columns are: {columns}.</source>
        <translation>Die Liste hat keine Spalte „{column}“. Ihre Spalten sind: {columns}.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/listimport.py" line="266"/>
        <source>The import was cancelled before this row. Run it again: rows already imported are recognised and not imported twice.</source>
        <translation>Der Import wurde vor dieser Zeile abgebrochen. Führen Sie ihn erneut aus: bereits importierte Zeilen werden erkannt und nicht doppelt importiert.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/listimport.py" line="277"/>
        <source>This row could not be imported ({error}). Check its values; the other rows are imported.</source>
        <translation>Diese Zeile konnte nicht importiert werden ({error}). Prüfen Sie ihre Werte; die übrigen Zeilen werden importiert.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/listimport.py" line="296"/>
        <source>Same site as row {row} of this list (same ID, or same name, address and municipality): imported once. If they are different sites, tell them apart by name or give the list an ID column.</source>
        <translation>Derselbe Standort wie Zeile {row} dieser Liste (gleiche Nummer oder gleiche Bezeichnung, Anschrift und Gemeinde): nur einmal importiert. Sind es verschiedene Standorte, unterscheiden Sie sie in der Bezeichnung oder geben Sie der Liste eine Spalte „Lfd. Nr.“.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/listimport.py" line="335"/>
        <source>Imported before (recognised by its ID “{id}”): not imported again.</source>
        <translation>Bereits früher importiert (erkannt an der Nummer „{id}“): nicht erneut importiert.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/listimport.py" line="337"/>
        <source>Imported before (recognised by its name, municipality and position, as it has no address): not imported again.</source>
        <translation>Bereits früher importiert (erkannt an Bezeichnung, Gemeinde und Lage, da ohne Anschrift): nicht erneut importiert.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/listimport.py" line="340"/>
        <source>Imported before (recognised by its name, address and municipality): not imported again.</source>
        <translation>Bereits früher importiert (erkannt an Bezeichnung, Anschrift und Gemeinde): nicht erneut importiert.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/listimport.py" line="342"/>
        <source>The working copy already holds this site (same name, address and municipality): not imported again.</source>
        <translation>Die Arbeitskopie enthält diesen Standort bereits (gleiche Bezeichnung, Anschrift und Gemeinde): nicht erneut importiert.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/listimport.py" line="345"/>
        <source>The row has changed since it was imported; the changes were not applied. Edit the site in the Capture dock.</source>
        <translation>Die Zeile wurde seit dem Import geändert; die Änderungen wurden nicht übernommen. Bearbeiten Sie den Standort im Fenster „Standorte erfassen“.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/listread.py" line="150"/>
        <source>Column {n}</source>
        <translation>Spalte {n}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/db/install.py" line="74"/>
        <source>The login “{login}” may not grant the register's group roles (coworking_admin, coworking_reviewer, coworking_editor, coworking_reader): they exist already on this server, and the login does not hold them WITH ADMIN OPTION (since PostgreSQL 16 a login with CREATEROLE needs that too for roles it did not create). Ask the server's administrator (a superuser) to run once: {grant} Then install again.</source>
        <translation>Die Login-Rolle „{login}“ darf die Gruppenrollen des Registers (coworking_admin, coworking_reviewer, coworking_editor, coworking_reader) nicht vergeben: Sie bestehen auf diesem Server bereits, und die Login-Rolle hält sie nicht WITH ADMIN OPTION (seit PostgreSQL 16 braucht das auch eine Login-Rolle mit CREATEROLE für Rollen, die sie nicht selbst angelegt hat). Bitten Sie die Administration des Servers (einen Superuser), einmalig auszuführen: {grant} Installieren Sie danach erneut.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/population.py" line="45"/>
        <source>Cannot read the population table {path}: {error}</source>
        <translation>Die Einwohnertabelle {path} kann nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/population.py" line="51"/>
        <source>The population table {path} needs the columns “ags” and “population”.</source>
        <translation>Die Einwohnertabelle {path} braucht die Spalten „ags“ und „population“.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/profile.py" line="374"/>
        <source>Knock-out {id}: name the site field it reads (“field”).</source>
        <translation>Ausschlusskriterium {id}: Geben Sie das Standortfeld an, das es liest („field“).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/profile.py" line="377"/>
        <source>Knock-out {id}: “only_if” needs a “field” and the value it “equals”.</source>
        <translation>Ausschlusskriterium {id}: „only_if“ braucht ein Feld („field“) und den Wert, dem es gleichen soll („equals“).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/messages.py" line="51"/>
        <source>A rejection needs a reason: choose a standard reason or write a comment (with visible characters) that tells the municipality what to fix.</source>
        <translation>Eine Ablehnung braucht eine Begründung: Wählen Sie einen Standardgrund oder schreiben Sie einen Prüfvermerk (mit sichtbaren Zeichen), der der Gemeinde sagt, was zu korrigieren ist.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/messages.py" line="66"/>
        <source>Four eyes: you cannot approve or reject a version you submitted or changed yourself. Leave the decision to another reviewer.</source>
        <translation>Vier-Augen-Prinzip: Sie können keine Fassung freigeben oder ablehnen, die Sie selbst eingereicht oder geändert haben. Überlassen Sie die Entscheidung einer anderen prüfenden Person.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/messages.py" line="68"/>
        <source>This rejection reason is not (or no longer) one of the register&apos;s standard reasons. Choose another one, or write a comment.</source>
        <translation>Dieser Ablehnungsgrund gehört nicht (mehr) zu den Standardgründen des Registers. Wählen Sie einen anderen oder schreiben Sie einen Prüfvermerk.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/review/decisions.py" line="169"/>
        <source>Choose a reason or write a comment that tells the municipality what to fix, then reject.</source>
        <translation>Wählen Sie einen Grund oder schreiben Sie einen Prüfvermerk, der der Gemeinde sagt, was zu korrigieren ist, und lehnen Sie dann ab.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/review/diff.py" line="39"/>
        <source>moved by {distance} m</source>
        <translation>verschoben um {distance} m</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/review/diff.py" line="41"/>
        <source>area {before} → {after} m²</source>
        <translation>Fläche {before} → {after} m²</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/review/diff.py" line="137"/>
        <source>on the map: blue, dashed</source>
        <translation>Karte: blau gestrichelt</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/review/diff.py" line="137"/>
        <source>{change} (on the map: red)</source>
        <translation>{change} (Karte: rot)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/review/diff.py" line="163"/>
        <source>{name} ({kind}, {municipality}, {status})</source>
        <translation>{name} ({kind}, {municipality}, {status})</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/review/diff.py" line="167"/>
        <source>Possible duplicate: {site} has the same address.</source>
        <translation>Mögliche Dublette: {site} hat dieselbe Anschrift.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/review/diff.py" line="169"/>
        <source>Possible duplicate: {site} lies {distance} m away.</source>
        <translation>Mögliche Dublette: {site} liegt {distance} m entfernt.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/review/diff.py" line="173"/>
        <source>Consent to publication missing: a private vacancy stays out of the public view.</source>
        <translation>Einwilligung zur Veröffentlichung fehlt: Ein privater Leerstand bleibt außerhalb der öffentlichen Ansicht.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/review/formatting.py" line="24"/>
        <source>Geometry</source>
        <translation>Geometrie</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/review/formatting.py" line="59"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/review/formatting.py" line="59"/>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/review/timeline.py" line="30"/>
        <source>submitted</source>
        <translation>eingereicht</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/review/timeline.py" line="31"/>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/review/timeline.py" line="32"/>
        <source>approved</source>
        <translation>freigegeben</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/review/timeline.py" line="33"/>
        <source>rejected</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/sync/conflicts.py" line="64"/>
        <source>archived</source>
        <translation>archiviert</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/review/timeline.py" line="35"/>
        <source>deleted</source>
        <translation>gelöscht</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/review/timeline.py" line="62"/>
        <source>{n} fields filled</source>
        <translation>{n} Felder ausgefüllt</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/review/timeline.py" line="68"/>
        <source>Geometry changed</source>
        <translation>Geometrie geändert</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/review/timeline.py" line="70"/>
        <source>{field}: {old} → {new}</source>
        <translation>{field}: {old} → {new}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/drafts.py" line="113"/>
        <source>The site does not lie in {named}: it lies {distance} m outside its boundary (in {actual}; the register accepts up to {tolerance} m). Correct the municipality or the position.</source>
        <translation>Der Standort liegt nicht in {named}, sondern {distance} m außerhalb der Gemeindegrenze (in {actual}; das Register lässt bis zu {tolerance} m zu). Korrigieren Sie die Gemeinde oder die Lage.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/publication.py" line="69"/>
        <source>Without “{date}” the consent does not count: this private brownfield will not be published in the Geoportal.</source>
        <translation>Ohne „{date}“ zählt die Einwilligung nicht: Diese private Brachfläche wird nicht im Geoportal veröffentlicht.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/publication.py" line="73"/>
        <source>This private vacancy will not be published in the Geoportal without the owner&apos;s consent.</source>
        <translation>Dieser private Leerstand wird ohne Einwilligung der Eigentümerin oder des Eigentümers nicht im Geoportal veröffentlicht.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/publication.py" line="77"/>
        <source>The owner objected on {date}: this private brownfield will not be published in the Geoportal unless the owner consents later.</source>
        <translation>Die Eigentümerseite hat am {date} widersprochen: Diese private Brachfläche wird nicht im Geoportal veröffentlicht, solange keine spätere Einwilligung vorliegt.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/publication.py" line="81"/>
        <source>This private brownfield can be published in the Geoportal from {date} if the owner does not object by then (§ 200(3) BauGB).</source>
        <translation>Diese private Brachfläche kann ab dem {date} im Geoportal veröffentlicht werden, wenn die Eigentümerseite bis dahin nicht widerspricht (§ 200 Abs. 3 BauGB).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/publication.py" line="85"/>
        <source>This private brownfield will not be published in the Geoportal until the owner consents or was notified of the publication at least a month ago without objecting (§ 200(3) BauGB).</source>
        <translation>Diese private Brachfläche wird erst im Geoportal veröffentlicht, wenn die Eigentümerseite eingewilligt hat oder vor mindestens einem Monat über die Veröffentlichung benachrichtigt wurde und nicht widersprochen hat (§ 200 Abs. 3 BauGB).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/capture/validation.py" line="116"/>
        <source>A private vacancy can only be marked for publication when the owner's consent is recorded. Enter “{date}” on the tab “{tab}”, or untick “{flag}”.</source>
        <translation>Ein privater Leerstand kann nur zur Veröffentlichung markiert werden, wenn die Einwilligung der Eigentümerin bzw. des Eigentümers erfasst ist. Tragen Sie „{date}“ auf dem Reiter „{tab}“ ein oder entfernen Sie das Häkchen bei „{flag}“.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/dossier/collect.py" line="116"/>
        <source>The layer has no “uuid” field: select the sites instead of naming them.</source>
        <translation>Der Layer hat kein Feld „uuid“: Standorte bitte auswählen statt benennen.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/dossier/collect.py" line="132"/>
        <source>The working copy holds no owner contacts.</source>
        <translation>Die Arbeitskopie enthält keine Eigentümerkontakte.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/dossier/collect.py" line="139"/>
        <source>Owner contacts could not be read: {error}</source>
        <translation>Eigentümerkontakte konnten nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/dossier/collect.py" line="146"/>
        <source>Your role may not read owner contacts; they are left out.</source>
        <translation>Ihre Rolle darf keine Eigentümerkontakte lesen; sie fehlen im Dossier.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/dossier/collect.py" line="149"/>
        <source>The layer holds no owner contacts.</source>
        <translation>Der Layer enthält keine Eigentümerkontakte.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/dossier/collect.py" line="193"/>
        <source>No sites chosen: select sites on the map or give their identifiers.</source>
        <translation>Keine Standorte gewählt: Standorte auf der Karte auswählen oder ihre Kennungen angeben.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/dossier/collect.py" line="218"/>
        <source>No owner contact is recorded for this site, or your role may not read it.</source>
        <translation>Für diesen Standort ist kein Eigentümerkontakt erfasst, oder Ihre Rolle darf ihn nicht lesen.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/ranking.py" line="65"/>
        <source>no geometry</source>
        <translation>keine Geometrie</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/dossier/collect.py" line="236"/>
        <source>Explanation for {model}: partial score × weight → points</source>
        <translation>Erklärung für {model}: Teilwert × Gewicht → Punkte</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/dossier/collect.py" line="238"/>
        <source>(unnamed site)</source>
        <translation>(Standort ohne Namen)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/sync/conflicts.py" line="76"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/sync/conflicts.py" line="76"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/indicators.py" line="194"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/dossier/facts.py" line="97"/>
        <source>Address</source>
        <translation>Anschrift</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/dossier/facts.py" line="110"/>
        <source>Draft, not yet in the register</source>
        <translation>Entwurf, noch nicht im Register</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/dossier/prepare.py" line="38"/>
        <source>Municipalities</source>
        <translation>Gemeinden</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/dossier/layout.py" line="100"/>
        <source>Other sites</source>
        <translation>Weitere Standorte</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/dossier/layout.py" line="222"/>
        <source>The map of {site} could not be prepared.</source>
        <translation>Die Karte für {site} konnte nicht vorbereitet werden.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/dossier/layout.py" line="257"/>
        <source>Key facts</source>
        <translation>Eckdaten</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/dossier/layout.py" line="261"/>
        <source>Owner (confidential)</source>
        <translation>Eigentümer/in (vertraulich)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/dossier/layout.py" line="266"/>
        <source>Suitability for coworking (0–100)</source>
        <translation>Eignung für Coworking (0–100)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/results.py" line="45"/>
        <source>Best model</source>
        <translation>Bestes Modell</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/dossier/layout.py" line="268"/>
        <source>none (knocked out)</source>
        <translation>keines (Ausschlusskriterium)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/dossier/layout.py" line="270"/>
        <source>Knock-outs</source>
        <translation>Ausschlusskriterien</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/dossier/layout.py" line="273"/>
        <source>Status in the register</source>
        <translation>Stand im Register</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/dossier/layout.py" line="284"/>
        <source>Site dossier, {date} · Coworking Leerstandsmelder</source>
        <translation>Standort-Dossier, {date} · Coworking Leerstandsmelder</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/dossier/layout.py" line="286"/>
        <source>Page {page} of {pages}</source>
        <translation>Seite {page} von {pages}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/dossier_action.py" line="45"/>
        <source>Site dossier</source>
        <translation>Standort-Dossier</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/dossier/layout.py" line="355"/>
        <source>The PDF {path} could not be written (error {code}).</source>
        <translation>Die PDF-Datei {path} konnte nicht geschrieben werden (Fehler {code}).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/dossier/prepare.py" line="38"/>
        <source>Rail stations</source>
        <translation>Bahnhöfe</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/opendata/gtfs.py" line="73"/>
        <source>The GTFS feed lacks {file}. Choose the feed&apos;s zip file as published (VVO, DELFI).</source>
        <translation>Dem GTFS-Feed fehlt {file}. Wählen Sie die Zip-Datei des Feeds so, wie sie veröffentlicht wird (VVO, DELFI).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/opendata/gtfs.py" line="116"/>
        <source>The GTFS feed has neither calendar.txt nor calendar_dates.txt entries.</source>
        <translation>Der GTFS-Feed hat weder Einträge in calendar.txt noch in calendar_dates.txt.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/opendata/gtfs.py" line="144"/>
        <source>The GTFS feed is valid from {first} to {last}, not on {day}. Choose a date in that period.</source>
        <translation>Der GTFS-Feed gilt vom {first} bis zum {last}, nicht am {day}. Wählen Sie ein Datum in diesem Zeitraum.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/opendata/gtfs.py" line="151"/>
        <source>The GTFS feed ends on {last}: it has no Tuesday left to judge. Load a current feed.</source>
        <translation>Der GTFS-Feed endet am {last}: Es bleibt kein Dienstag zur Bewertung. Laden Sie einen aktuellen Feed.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/opendata/gtfs.py" line="220"/>
        <source>{path} is not a GTFS zip file: {error}</source>
        <translation>{path} ist keine GTFS-Zip-Datei: {error}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/opendata/gtfs.py" line="225"/>
        <source>The GTFS feed is malformed ({error}): a required column is missing or a time or date cannot be read.</source>
        <translation>Der GTFS-Feed ist fehlerhaft ({error}): Eine nötige Spalte fehlt oder eine Zeit oder ein Datum ist nicht lesbar.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/opendata/osm.py" line="109"/>
        <source>The profile needs no layer OpenStreetMap can provide.</source>
        <translation>Das Profil braucht keinen Layer, den OpenStreetMap liefern kann.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/opendata/overpass.py" line="68"/>
        <source>The Overpass server is busy or limits the requests from this address (rate limit). Wait a few minutes and load again, or set another Overpass server in the plugin settings.</source>
        <translation>Der Overpass-Server ist ausgelastet oder begrenzt die Anfragen von dieser Adresse (Ratenbegrenzung). Warten Sie einige Minuten und laden Sie erneut, oder stellen Sie in den Plugin-Einstellungen einen anderen Overpass-Server ein.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/opendata/overpass.py" line="82"/>
        <source>The Overpass server did not answer within {seconds:g} seconds. Try again later, or raise the Overpass timeout in the plugin settings.</source>
        <translation>Der Overpass-Server hat nicht innerhalb von {seconds:g} Sekunden geantwortet. Versuchen Sie es später erneut oder erhöhen Sie die Overpass-Wartezeit in den Plugin-Einstellungen.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/opendata/overpass.py" line="86"/>
        <source>The Overpass server {url} cannot be reached. Check the network connection and the Overpass address in the plugin settings.</source>
        <translation>Der Overpass-Server {url} ist nicht erreichbar. Prüfen Sie die Netzwerkverbindung und die Overpass-Adresse in den Plugin-Einstellungen.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/opendata/overpass.py" line="92"/>
        <source>The Overpass server answered with an error (HTTP {status}). Check the Overpass address in the plugin settings, or try again later.</source>
        <translation>Der Overpass-Server hat mit einem Fehler geantwortet (HTTP {status}). Prüfen Sie die Overpass-Adresse in den Plugin-Einstellungen oder versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/opendata/overpass.py" line="103"/>
        <source>The Overpass server sent an answer that is not JSON. Check the Overpass address in the plugin settings (it ends in /api/interpreter).</source>
        <translation>Der Overpass-Server hat eine Antwort geschickt, die kein JSON ist. Prüfen Sie die Overpass-Adresse in den Plugin-Einstellungen (sie endet auf /api/interpreter).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/opendata/overpass.py" line="108"/>
        <source>The Overpass server stopped the query: it took too long or too much memory ({remark}). Try again later or use another Overpass server.</source>
        <translation>Der Overpass-Server hat die Abfrage abgebrochen: Sie dauerte zu lange oder brauchte zu viel Speicher ({remark}). Versuchen Sie es später erneut oder nutzen Sie einen anderen Overpass-Server.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/opendata/overpass.py" line="111"/>
        <source>The Overpass server reported an error: {remark}</source>
        <translation>Der Overpass-Server meldet einen Fehler: {remark}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/opendata/overpass.py" line="113"/>
        <source>The Overpass server&apos;s answer has no elements: it is not an Overpass answer. Check the Overpass address in the plugin settings.</source>
        <translation>Die Antwort des Overpass-Servers enthält keine Elemente: Sie ist keine Overpass-Antwort. Prüfen Sie die Overpass-Adresse in den Plugin-Einstellungen.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/opendata/refgpkg.py" line="88"/>
        <source>The layer {layer} could not be written to {path}: {error}</source>
        <translation>Der Layer {layer} konnte nicht in {path} geschrieben werden: {error}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/opendata/refgpkg.py" line="107"/>
        <source>The folder of {path} cannot be written: {error}</source>
        <translation>In den Ordner von {path} kann nicht geschrieben werden: {error}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/opendata/refgpkg.py" line="119"/>
        <source>The reference data {path} could not be replaced ({error}). Close programs that hold it open and load again.</source>
        <translation>Die Referenzdaten {path} konnten nicht ersetzt werden ({error}). Schließen Sie Programme, die die Datei geöffnet haben, und laden Sie erneut.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/opendata/zensus.py" line="85"/>
        <source>{path} is not a Zensus 2022 grid: the columns {columns} are missing (expected x_mp_100m, y_mp_100m and Einwohner, separated by semicolons).</source>
        <translation>{path} ist kein Zensus-2022-Gitter: Es fehlen die Spalten {columns} (erwartet werden x_mp_100m, y_mp_100m und Einwohner, durch Semikolon getrennt).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/opendata/zensus.py" line="103"/>
        <source>Cannot read the Zensus grid {path}: {error}</source>
        <translation>Das Zensus-Gitter {path} kann nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/opendata/zensus.py" line="105"/>
        <source>{path} has no inhabited cell in or around the county. Is it the 100 m grid of the Zensus 2022 (coordinates in EPSG:3035)?</source>
        <translation>{path} enthält keine bewohnte Zelle im oder um den Landkreis. Ist es das 100-m-Gitter des Zensus 2022 (Koordinaten in EPSG:3035)?</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/geoportal.py" line="302"/>
        <source>The public view coworking.public_site could not be read through the service “{service}”. Check the service's entry in pg_service.conf and that its login may read the published sites (coworking:assign_reader).</source>
        <translation>Die öffentliche Sicht coworking.public_site konnte über den Dienst „{service}“ nicht gelesen werden. Prüfen Sie den Eintrag des Dienstes in der pg_service.conf und ob sein Login die veröffentlichten Standorte lesen darf (coworking:assign_reader).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/geoportal.py" line="388"/>
        <source>The layers could not be added to the Geoportal project.</source>
        <translation>Die Layer konnten dem Geoportal-Projekt nicht hinzugefügt werden.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/geoportal.py" line="395"/>
        <source>The project could not be written to {path}: {error}</source>
        <translation>Das Projekt konnte nicht nach {path} geschrieben werden: {error}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/indicators.py" line="194"/>
        <source>Municipality</source>
        <translation>Gemeinde</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/indicators.py" line="194"/>
        <source>Sites</source>
        <translation>Standorte</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/indicators.py" line="196"/>
        <source>Sites now</source>
        <translation>Standorte heute</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/indicators.py" line="198"/>
        <source>Sites by month (status at the end of the month)</source>
        <translation>Standorte je Monat (Status am Monatsende)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/indicators.py" line="198"/>
        <source>Month</source>
        <translation>Monat</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/indicators.py" line="201"/>
        <source>Reporting municipalities (last {days} days)</source>
        <translation>Meldende Gemeinden (letzte {days} Tage)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/indicators.py" line="201"/>
        <source>Last report</source>
        <translation>Letzte Meldung</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/indicators.py" line="201"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/indicators.py" line="205"/>
        <source>Review turnaround (days from submission to decision)</source>
        <translation>Prüfdauer (Tage von der Meldung bis zur Entscheidung)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/indicators.py" line="205"/>
        <source>Decisions</source>
        <translation>Entscheidungen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/indicators.py" line="205"/>
        <source>Median (days)</source>
        <translation>Median (Tage)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/indicators.py" line="205"/>
        <source>90th percentile (days)</source>
        <translation>90. Perzentil (Tage)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/indicators.py" line="210"/>
        <source>Coworking models: suitable approved sites (score ≥ {t})</source>
        <translation>Coworking-Modelle: geeignete freigegebene Standorte (Punkte ≥ {t})</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/indicators.py" line="210"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/indicators.py" line="215"/>
        <source>Suitable sites</source>
        <translation>Geeignete Standorte</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/indicators.py" line="210"/>
        <source>Best site</source>
        <translation>Bester Standort</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/results.py" line="56"/>
        <source>Best score</source>
        <translation>Beste Punktzahl</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/indicators.py" line="215"/>
        <source>Target groups: suitable approved sites</source>
        <translation>Zielgruppen: geeignete freigegebene Standorte</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/indicators.py" line="215"/>
        <source>Target group</source>
        <translation>Zielgruppe</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/messages.py" line="62"/>
        <source>The site does not lie in the municipality it names. Correct the municipality or the position; if the site really lies there, a reviewer of the county can accept it with a reason.</source>
        <translation>Der Standort liegt nicht in der angegebenen Gemeinde. Korrigieren Sie die Gemeinde oder die Lage; liegt der Standort wirklich dort, kann die Prüfung des Landkreises ihn mit Begründung zulassen.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/messages.py" line="64"/>
        <source>The site lies outside Landkreis Meißen. Check the position and the coordinate reference system of the source.</source>
        <translation>Der Standort liegt außerhalb des Landkreises Meißen. Prüfen Sie die Lage und das Koordinatenbezugssystem der Quelle.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/messages.py" line="100"/>
        <source>{explanation} (The register: {detail})</source>
        <translation>{explanation} (Das Register: {detail})</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/chartpaint.py" line="91"/>
        <source>unknown, counts {score}</source>
        <translation>unbekannt, zählt {score}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/profile.py" line="320"/>
        <source>Criterion {id}: the fallback {fallback} is not another criterion of the profile.</source>
        <translation>Kriterium {id}: Der Ersatz {fallback} ist kein anderes Kriterium des Profils.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/profile.py" line="363"/>
        <source>Criterion {id}: name the reference layers (“layers”) and the attribute it reads (“field”).</source>
        <translation>Kriterium {id}: Nennen Sie die Referenz-Layer („layers“) und das Attribut, das es liest („field“).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/profile.py" line="366"/>
        <source>Criterion {id}: give a positive radius (“radius_m”) and “aggregate”: one of {aggregates}.</source>
        <translation>Kriterium {id}: Geben Sie einen positiven Radius („radius_m“) und „aggregate“ an: eines von {aggregates}.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/profile.py" line="372"/>
        <source>Knock-out {id}: name the polygon layer role it tests (“layer”).</source>
        <translation>Ausschlusskriterium {id}: Nennen Sie die Rolle des Flächen-Layers, den es prüft („layer“).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/sync/base.py" line="171"/>
        <source>“{name}”: your local change was discarded; the site is as the register had it at your last checkout, pull or push.</source>
        <translation>„{name}“: Ihre lokale Änderung wurde verworfen; der Standort ist wieder so, wie ihn das Register beim letzten Auschecken, Abrufen oder Hochladen hatte.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/sync/base.py" line="173"/>
        <source>“{name}”: the draft had never been pushed and was removed from the working copy.</source>
        <translation>„{name}“: Der Entwurf war nie hochgeladen worden und wurde aus der Arbeitskopie entfernt.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/sync/base.py" line="174"/>
        <source>“{name}”: your local change was discarded; pull to get the register's version of the site.</source>
        <translation>„{name}“: Ihre lokale Änderung wurde verworfen; rufen Sie ab, um die Fassung des Registers zu erhalten.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/sync/base.py" line="175"/>
        <source>“{name}” is not in the working copy.</source>
        <translation>„{name}“ ist nicht in der Arbeitskopie.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/sync/conflicts.py" line="64"/>
        <source>not archived</source>
        <translation>nicht archiviert</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/sync/conflicts.py" line="223"/>
        <source>Choose “mine” or “theirs” for: {names}.</source>
        <translation>Wählen Sie „meine“ oder „Server“ für: {names}.</translation>
    </message>
    <message numerus="yes">
        <location filename="../coworking_plugin/core/sync/report.py" line="87"/>
        <source>%n site(s) merged with the server&apos;s changes (each field changed on one side only).</source>
        <translation>
            <numerusform>%n Standort mit den Änderungen des Servers zusammengeführt (jedes Feld nur auf einer Seite geändert).</numerusform>
            <numerusform>%n Standorte mit den Änderungen des Servers zusammengeführt (jedes Feld nur auf einer Seite geändert).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/sync/tracking.py" line="226"/>
        <source>The site is already archived.</source>
        <translation>Der Standort ist bereits archiviert.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/dossier_action.py" line="49"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/dossier_action.py" line="50"/>
        <source>dossier</source>
        <translation>dossier</translation>
    </message>
    <message numerus="yes">
        <location filename="../coworking_plugin/gui/dossier_action.py" line="51"/>
        <source>%n site(s) to the file</source>
        <translation>
            <numerusform>%n Standort in die Datei</numerusform>
            <numerusform>%n Standorte in die Datei</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/dossier_action.py" line="52"/>
        <source>One PDF per site (in a folder named like the file)</source>
        <translation>Eine PDF-Datei je Standort (in einem Ordner mit dem Namen der Datei)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/dossier_action.py" line="55"/>
        <source>Include the owner&apos;s contact (confidential; only what your role may read)</source>
        <translation>Kontakt der Eigentümer/innen aufnehmen (vertraulich; nur was Ihre Rolle lesen darf)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/dossier_action.py" line="84"/>
        <source>Select the sites for the dossier first.</source>
        <translation>Bitte zuerst die Standorte für das Dossier auswählen.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/dossier_action.py" line="99"/>
        <source>Laying out the dossier…</source>
        <translation>Dossier wird gesetzt…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/unsaved.py" line="30"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/dossier_action.py" line="110"/>
        <source>The dossier was cancelled.</source>
        <translation>Das Dossier wurde abgebrochen.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/dossier_action.py" line="118"/>
        <source>Dossier written: {path}</source>
        <translation>Dossier geschrieben: {path}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/dossier_action.py" line="127"/>
        <source>The dossier could not be made: {error}</source>
        <translation>Das Dossier konnte nicht erstellt werden: {error}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/dossier_action.py" line="136"/>
        <source>Collecting the site dossier</source>
        <translation>Daten für das Standort-Dossier werden gesammelt</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/options.py" line="73"/>
        <source>Overpass API endpoint for loading OpenStreetMap data (ends in /api/interpreter).</source>
        <translation>Adresse der Overpass-API zum Laden von OpenStreetMap-Daten (endet auf /api/interpreter).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/options.py" line="80"/>
        <source>empty: a file in the QGIS profile folder</source>
        <translation>leer: eine Datei im QGIS-Profilordner</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/options.py" line="93"/>
        <source>Overpass server (OpenStreetMap)</source>
        <translation>Overpass-Server (OpenStreetMap)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/options.py" line="94"/>
        <source>Overpass timeout</source>
        <translation>Overpass-Wartezeit</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/options.py" line="95"/>
        <source>Reference data (GeoPackage)</source>
        <translation>Referenzdaten (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_loaders.py" line="25"/>
        <source>Load data</source>
        <translation>Daten laden</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_loaders.py" line="29"/>
        <source>OpenStreetMap</source>
        <translation>OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_loaders.py" line="30"/>
        <source>Loads shops, cafés, doctors, schools, kindergartens, accommodation, bus stops and protected areas of the county from the Overpass server in the plugin settings. © OpenStreetMap-Mitwirkende, ODbL 1.0</source>
        <translation>Lädt Nahversorger, Cafés, Ärzte, Schulen, Kitas, Beherbergung, Bushaltestellen und Schutzgebiete des Landkreises vom Overpass-Server aus den Plugin-Einstellungen. © OpenStreetMap-Mitwirkende, ODbL 1.0</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_loaders.py" line="34"/>
        <source>GTFS feed…</source>
        <translation>GTFS-Feed…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_loaders.py" line="35"/>
        <source>Departures per hour and travel times to Dresden and the county&apos;s centres from a GTFS timetable (VVO, DELFI).</source>
        <translation>Abfahrten je Stunde und Fahrzeiten nach Dresden und zu den Zentren des Landkreises aus einem GTFS-Fahrplan (VVO, DELFI).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_loaders.py" line="38"/>
        <source>Zensus grid…</source>
        <translation>Zensus-Gitter…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_loaders.py" line="39"/>
        <source>Inhabitants within 2 km from the Zensus 2022 population grid (100 m cells, CSV) you downloaded.</source>
        <translation>Einwohner im Umkreis von 2 km aus dem selbst heruntergeladenen Bevölkerungsgitter des Zensus 2022 (100-m-Zellen, CSV).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_loaders.py" line="55"/>
        <source>Loading OpenStreetMap data</source>
        <translation>OpenStreetMap-Daten werden geladen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_loaders.py" line="63"/>
        <source>GTFS feed</source>
        <translation>GTFS-Feed</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_loaders.py" line="63"/>
        <source>GTFS feed (*.zip)</source>
        <translation>GTFS-Feed (*.zip)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_loaders.py" line="67"/>
        <source>Loading the GTFS feed</source>
        <translation>GTFS-Feed wird geladen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_loaders.py" line="74"/>
        <source>Zensus 2022 grid</source>
        <translation>Zensus-2022-Gitter</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_loaders.py" line="74"/>
        <source>Zensus grid (*.csv)</source>
        <translation>Zensus-Gitter (*.csv)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_loaders.py" line="78"/>
        <source>Loading the Zensus grid</source>
        <translation>Zensus-Gitter wird geladen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_loaders.py" line="91"/>
        <source>Loading cancelled; the reference data stay as they were.</source>
        <translation>Laden abgebrochen; die Referenzdaten bleiben, wie sie waren.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_loaders.py" line="109"/>
        <source>Reference data loaded into {path}.</source>
        <translation>Referenzdaten nach {path} geladen.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/plugin.py" line="176"/>
        <source>Success indicators…</source>
        <translation>Erfolgsindikatoren…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/ranking.py" line="78"/>
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/ranking.py" line="78"/>
        <source>Site</source>
        <translation>Standort</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/ranking.py" line="79"/>
        <source>Score {model}</source>
        <translation>Punkte {model}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/results.py" line="58"/>
        <source>Knock-out reasons</source>
        <translation>Ausschlussgründe</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/results.py" line="61"/>
        <source>Unknown inputs</source>
        <translation>Unbekannte Eingaben</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/ranking.py" line="135"/>
        <source>Ranking</source>
        <translation>Rangliste</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/results.py" line="57"/>
        <source>Target groups served</source>
        <translation>Erreichte Zielgruppen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/results.py" line="68"/>
        <source>Explanation (JSON)</source>
        <translation>Erläuterung (JSON)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/resultsfile.py" line="69"/>
        <source>The layer “{layer}” could not be written to {path}: {error}</source>
        <translation>Der Layer „{layer}“ konnte nicht in {path} geschrieben werden: {error}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/resultsfile.py" line="77"/>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/resultsfile.py" line="77"/>
        <source>Saved (UTC)</source>
        <translation>Gespeichert (UTC)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/resultsfile.py" line="77"/>
        <source>Profile (JSON)</source>
        <translation>Profil (JSON)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/resultsfile.py" line="177"/>
        <source>The layer “{layer}” could not be read back from {path}.</source>
        <translation>Der Layer „{layer}“ konnte nicht aus {path} zurückgelesen werden.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/resultsfile.py" line="190"/>
        <source>Coworking suitability: style and German field names</source>
        <translation>Coworking-Standorteignung: Stil und deutsche Feldnamen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/resultsfile.py" line="195"/>
        <source>The style of “{layer}” could not be stored in {path}: {error}</source>
        <translation>Der Stil von „{layer}“ konnte nicht in {path} gespeichert werden: {error}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/resultsfile.py" line="209"/>
        <source>{path} holds no suitability profile.</source>
        <translation>{path} enthält kein Eignungsprofil.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/connection_hint.py" line="29"/>
        <source>Open the plugin's settings…</source>
        <translation>Einstellungen des Plugins öffnen…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/connection_hint.py" line="37"/>
        <source>No connection to the register is set up. Choose the register's PostgreSQL connection under Settings ▸ Options ▸ Coworking (Register database), then this list loads.</source>
        <translation>Keine Verbindung zum Register eingerichtet. Wählen Sie die PostgreSQL-Verbindung des Registers unter Einstellungen ▸ Optionen ▸ Coworking (Registerdatenbank); danach lädt diese Liste.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/connection_hint.py" line="44"/>
        <source>The register could not be reached. {error}
Check the database connection under Settings ▸ Options ▸ Coworking (Register database; user name and password in QGIS's authentication manager), then press Refresh.</source>
        <translation>Das Register ist nicht erreichbar. {error}
Prüfen Sie die Verbindung unter Einstellungen ▸ Optionen ▸ Coworking (Registerdatenbank; Benutzername und Passwort in der Authentifizierungsverwaltung von QGIS) und klicken Sie dann auf „Aktualisieren“.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_actions.py" line="28"/>
        <source>Approving a site</source>
        <translation>Standort wird freigegeben</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_actions.py" line="28"/>
        <source>Approved: {name}</source>
        <translation>Freigegeben: {name}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_actions.py" line="31"/>
        <source>Approving sites</source>
        <translation>Standorte werden freigegeben</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_actions.py" line="37"/>
        <source>Approved {ok} of {n} sites.</source>
        <translation>{ok} von {n} Standorten freigegeben.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_actions.py" line="72"/>
        <source>Rejecting a site</source>
        <translation>Standort wird abgelehnt</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_actions.py" line="70"/>
        <source>Rejected: {name}</source>
        <translation>Abgelehnt: {name}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_actions.py" line="94"/>
        <source>Loading a site&apos;s timeline</source>
        <translation>Verlauf eines Standorts wird geladen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_actions.py" line="104"/>
        <source>Select sites of one kind for the dossier (vacancies or brownfields).</source>
        <translation>Wählen Sie für das Dossier Standorte einer Art aus (Leerstände oder Brachflächen).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/messages.py" line="74"/>
        <source>The register does not have some fields of this working copy: the plugin and the register are not of the same version. Ask the county&apos;s administrator to update the register, or update the plugin and check out a new working copy. Your edits are all still in the working copy.</source>
        <translation>Das Register hat einige Felder dieser Arbeitskopie nicht: Das Plugin und das Register haben nicht dieselbe Version. Bitten Sie die Administration des Landkreises, das Register zu aktualisieren, oder aktualisieren Sie das Plugin und checken Sie eine neue Arbeitskopie aus. Ihre Änderungen sind alle noch in der Arbeitskopie.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/messages.py" line="77"/>
        <source>The push was not started as the register expects. Push again; if it happens again, update the plugin.</source>
        <translation>Das Hochladen wurde nicht so begonnen, wie das Register es erwartet. Laden Sie erneut hoch; geschieht es wieder, aktualisieren Sie das Plugin.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/sync/ogrwrite.py" line="104"/>
        <source>The working copy {path} could not be written ({error}). Check that the folder is writable and has space, and that no other program holds the file open.</source>
        <translation>Die Arbeitskopie {path} konnte nicht geschrieben werden ({error}). Prüfen Sie, ob der Ordner beschreibbar ist und genug Platz hat und ob kein anderes Programm die Datei geöffnet hält.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/sync/pull.py" line="134"/>
        <source>The connection to the register was lost ({error}). Nothing in the working copy was changed; try again.</source>
        <translation>Die Verbindung zum Register ist abgebrochen ({error}). An der Arbeitskopie wurde nichts geändert; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/sync/pull.py" line="140"/>
        <source>The register refused to send the sites: {error}</source>
        <translation>Das Register hat es abgelehnt, die Standorte zu senden: {error}</translation>
    </message>
    <message numerus="yes">
        <location filename="../coworking_plugin/db/boundaries.py" line="46"/>
        <source>Boundaries of %n municipality(ies) replaced.</source>
        <translation>
            <numerusform>Grenzen von %n Gemeinde ersetzt.</numerusform>
            <numerusform>Grenzen von %n Gemeinden ersetzt.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../coworking_plugin/db/boundaries.py" line="46"/>
        <source>Tolerance for where a site lies: {tolerance} m.</source>
        <translation>Toleranz für die Lage eines Standorts: {tolerance} m.</translation>
    </message>
    <message numerus="yes">
        <location filename="../coworking_plugin/db/boundaries.py" line="49"/>
        <source>%n feature(s) of other municipalities or without key skipped.</source>
        <translation>
            <numerusform>%n Objekt anderer Gemeinden oder ohne Schlüssel übersprungen.</numerusform>
            <numerusform>%n Objekte anderer Gemeinden oder ohne Schlüssel übersprungen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../coworking_plugin/db/boundaries.py" line="85"/>
        <source>The layer lacks %n municipality(ies) of the county: {names}. Choose the field with the 8-digit key (AGS, e.g. 14627140) or the 12-digit regional key (ARS), and a layer that covers the whole county. Nothing was changed.</source>
        <translation>
            <numerusform>Dem Layer fehlt %n Gemeinde des Landkreises: {names}. Wählen Sie das Feld mit dem 8-stelligen Schlüssel (AGS, z. B. 14627140) oder dem 12-stelligen Regionalschlüssel (ARS) und einen Layer, der den ganzen Landkreis abdeckt. Es wurde nichts geändert.</numerusform>
            <numerusform>Dem Layer fehlen %n Gemeinden des Landkreises: {names}. Wählen Sie das Feld mit dem 8-stelligen Schlüssel (AGS, z. B. 14627140) oder dem 12-stelligen Regionalschlüssel (ARS) und einen Layer, der den ganzen Landkreis abdeckt. Es wurde nichts geändert.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../coworking_plugin/db/boundaries.py" line="122"/>
        <source>The boundaries of {names} are not valid polygons. Repair them (Processing: Fix geometries) and run again. Nothing was changed.</source>
        <translation>Die Grenzen von {names} sind keine gültigen Polygone. Reparieren Sie sie (Verarbeitung: Geometrien reparieren) und starten Sie erneut. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/db/boundaries.py" line="132"/>
        <source>The new boundaries of {names} hardly overlap the current ones: is the key field right, and the layer&apos;s coordinate reference system? Nothing was changed.</source>
        <translation>Die neuen Grenzen von {names} überdecken die bisherigen kaum: Stimmen das Schlüsselfeld und das Koordinatenbezugssystem des Layers? Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/dossier/collect.py" line="181"/>
        <source>Photo: {credit}</source>
        <translation>Foto: {credit}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/dossier/collect.py" line="183"/>
        <source>(internal)</source>
        <translation>(intern)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/dossier/layout.py" line="196"/>
        <source>Photos</source>
        <translation>Fotos</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/geoportal.py" line="148"/>
        <source>The public photos (coworking.public_photo) could not be read through the service “{service}”. Upgrade the register (coworking:install_database) and check the service's login (coworking:assign_reader).</source>
        <translation>Die öffentlichen Fotos (coworking.public_photo) konnten über den Dienst „{service}“ nicht gelesen werden. Aktualisieren Sie das Register (coworking:install_database) und prüfen Sie das Login des Dienstes (coworking:assign_reader).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/messages.py" line="70"/>
        <source>Photos can be added once the site is in the register: upload it first.</source>
        <translation>Fotos können hinzugefügt werden, sobald der Standort im Register ist: Laden Sie ihn zuerst hoch.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/messages.py" line="71"/>
        <source>The photo is not a JPEG of at most 2 MB. Add it through the plugin&apos;s photo dialog, which scales and converts it.</source>
        <translation>Das Foto ist kein JPEG-Bild von höchstens 2 MB. Fügen Sie es über den Fotodialog des Plugins hinzu, der es verkleinert und umwandelt.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/photos.py" line="93"/>
        <source>A public photo needs its credit (author). Enter it, or untick “public”.</source>
        <translation>Ein öffentliches Foto braucht die Angabe der Urheberin bzw. des Urhebers. Tragen Sie sie ein oder entfernen Sie das Häkchen bei „öffentlich“.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/photos.py" line="51"/>
        <source>The photo could not be converted to JPEG.</source>
        <translation>Das Foto konnte nicht in JPEG umgewandelt werden.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/photos.py" line="63"/>
        <source>“{path}” is not a JPEG or PNG image.</source>
        <translation>„{path}“ ist kein JPEG- oder PNG-Bild.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/photos.py" line="66"/>
        <source>“{path}” could not be read: {error}</source>
        <translation>„{path}“ konnte nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/photos.py" line="79"/>
        <source>The photo stays larger than 2 MB even compressed.</source>
        <translation>Das Foto bleibt auch komprimiert größer als 2 MB.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/register/photos.py" line="151"/>
        <source>The photo is gone, or your role may not change it. Reload the photos.</source>
        <translation>Das Foto gibt es nicht mehr oder Ihre Rolle darf es nicht ändern. Laden Sie die Fotos neu.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/photo_dialog.py" line="274"/>
        <source>Open a site of the working copy with “Edit selected” first.</source>
        <translation>Öffnen Sie zuerst einen Standort der Arbeitskopie mit „Auswahl bearbeiten“.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/photo_dialog.py" line="277"/>
        <source>This site is a draft that is not in the register yet. Photos can be added after the upload: push the site (“Sync with the register”), then open “Photos…” again.</source>
        <translation>Dieser Standort ist ein Entwurf, der noch nicht im Register ist. Fotos können nach dem Hochladen hinzugefügt werden: Laden Sie den Standort hoch („Abgleich mit dem Register“) und öffnen Sie dann erneut „Fotos…“.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/photo_dialog.py" line="282"/>
        <source>No register connection is set. Choose it in the plugin's options (Settings ▸ Options ▸ Coworking).</source>
        <translation>Es ist keine Verbindung zum Register eingestellt. Wählen Sie sie in den Optionen des Plugins (Einstellungen ▸ Optionen ▸ Coworking).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/chartpaint.py" line="93"/>
        <source>no data, judged by “{criterion}”</source>
        <translation>keine Daten, bewertet wie „{criterion}“</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/suitability/chartpaint.py" line="96"/>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/unsaved.py" line="24"/>
        <source>Discard changes?</source>
        <translation>Änderungen verwerfen?</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/unsaved.py" line="29"/>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/unsaved.py" line="32"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
</context>
<context>
    <name>AssignEditorAlgorithm</name>
    <message>
        <location filename="../coworking_plugin/processing/assign_editor.py" line="34"/>
        <source>Assign municipalities to an editor</source>
        <translation>Gemeinden einer bearbeitenden Rolle zuweisen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/assign_editor.py" line="37"/>
        <source>Makes an existing login role a member of coworking_editor and lets it capture and edit sites of the given municipalities (comma-separated 8-digit keys such as 14627140 or names such as Meißen). With 'Replace' the role holds exactly these municipalities afterwards; an empty list withdraws all. Run it as a member of coworking_admin.</source>
        <translation>Macht eine vorhandene Login-Rolle zum Mitglied von coworking_editor und erlaubt ihr, Standorte der angegebenen Gemeinden zu erfassen und zu bearbeiten (durch Kommas getrennte 8-stellige Schlüssel wie 14627140 oder Namen wie Meißen). Mit 'Ersetzen' hat die Rolle danach genau diese Gemeinden; eine leere Liste entzieht alle. Führen Sie den Algorithmus als Mitglied von coworking_admin aus.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/assign_editor.py" line="45"/>
        <source>Login role</source>
        <translation>Login-Rolle</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/assign_editor.py" line="51"/>
        <source>Municipalities (keys or names, comma-separated)</source>
        <translation>Gemeinden (Schlüssel oder Namen, durch Kommas getrennt)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/assign_editor.py" line="51"/>
        <source>Replace the role&apos;s previous municipalities</source>
        <translation>Bisherige Gemeinden der Rolle ersetzen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/assign_editor.py" line="58"/>
        <source>Municipalities held</source>
        <translation>Zugewiesene Gemeinden</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/assign_editor.py" line="90"/>
        <source>{role} edits: {list}</source>
        <translation>{role} bearbeitet: {list}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/assign_editor.py" line="77"/>
        <source>Changing the login role failed; nothing was changed: {error}</source>
        <translation>Die Login-Rolle konnte nicht geändert werden; nichts wurde verändert: {error}</translation>
    </message>
</context>
<context>
    <name>AssignReaderAlgorithm</name>
    <message>
        <location filename="../coworking_plugin/processing/assign_reader.py" line="22"/>
        <source>Give a login read access (reader)</source>
        <translation>Login-Rolle Lesezugriff geben (Leser)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/assign_reader.py" line="25"/>
        <source>Makes an existing login role a member of coworking_reader: it may then read the approved, published sites (coworking.public_site) and nothing else. Run it as a member of coworking_admin; the database refuses anyone else.</source>
        <translation>Macht eine bestehende Login-Rolle zum Mitglied von coworking_reader: Sie darf danach die freigegebenen, veröffentlichten Standorte (coworking.public_site) lesen und sonst nichts. Als Mitglied von coworking_admin ausführen; allen anderen verweigert die Datenbank dies.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/assign_reader.py" line="34"/>
        <source>Login role with read access</source>
        <translation>Login-Rolle mit Lesezugriff</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/assign_reader.py" line="37"/>
        <source>{role} may now read the published sites.</source>
        <translation>{role} darf jetzt die veröffentlichten Standorte lesen.</translation>
    </message>
</context>
<context>
    <name>AssignReviewerAlgorithm</name>
    <message>
        <location filename="../coworking_plugin/processing/assign_reviewer.py" line="23"/>
        <source>Make a login a county reviewer</source>
        <translation>Login-Rolle zur Prüfung im Landkreis berechtigen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/assign_reviewer.py" line="26"/>
        <source>Makes an existing login role a member of coworking_reviewer: it may then read the sites of every municipality and approve or reject them, but never a version it submitted or last changed itself (four eyes). Run it as a member of coworking_admin; the database refuses anyone else.</source>
        <translation>Macht eine vorhandene Login-Rolle zum Mitglied von coworking_reviewer: Sie darf dann die Standorte aller Gemeinden lesen und freigeben oder ablehnen, aber nie eine Fassung, die sie selbst eingereicht oder zuletzt geändert hat (Vier-Augen-Prinzip). Als Mitglied von coworking_admin ausführen; allen anderen verweigert die Datenbank dies.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/assign_reviewer.py" line="32"/>
        <source>Login role of the reviewer</source>
        <translation>Login-Rolle der Prüfung</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/assign_reviewer.py" line="35"/>
        <source>{role} may now review the sites of every municipality.</source>
        <translation>{role} darf jetzt die Standorte aller Gemeinden prüfen.</translation>
    </message>
</context>
<context>
    <name>CaptureDock</name>
    <message>
        <location filename="../coworking_plugin/gui/capture_dock.py" line="73"/>
        <source>Capture sites</source>
        <translation>Standorte erfassen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_unsaved.py" line="90"/>
        <source>Brownfield</source>
        <translation>Brachfläche</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_unsaved.py" line="91"/>
        <source>Vacant building</source>
        <translation>Leerstand</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_placing.py" line="57"/>
        <source>Draw on map</source>
        <translation>In Karte zeichnen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_placing.py" line="59"/>
        <source>Take selected feature</source>
        <translation>Geometrie übernehmen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_placing.py" line="60"/>
        <source>Use the geometry of the one selected feature of the active layer (any layer, any CRS), e.g. a parcel or a building.</source>
        <translation>Die Geometrie des einen ausgewählten Objekts im aktiven Layer übernehmen (beliebiger Layer, beliebiges KBS), z. B. ein Flurstück oder ein Gebäude.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_placing.py" line="70"/>
        <source>Search address, e.g. Markt 1, Meißen</source>
        <translation>Adresse suchen, z. B. Markt 1, Meißen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_placing.py" line="72"/>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_placing.py" line="87"/>
        <source>Repair geometry</source>
        <translation>Geometrie reparieren</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_placing.py" line="88"/>
        <source>Repair an invalid outline (e.g. self-intersections) when saving.</source>
        <translation>Einen ungültigen Umriss (z. B. Selbstüberschneidungen) beim Speichern reparieren.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_dock.py" line="157"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_dock.py" line="159"/>
        <source>Save anyway</source>
        <translation>Trotzdem speichern</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_dock.py" line="167"/>
        <source>New site</source>
        <translation>Neuer Standort</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_dock.py" line="169"/>
        <source>Edit selected</source>
        <translation>Auswahl bearbeiten</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_dock.py" line="170"/>
        <source>Load the selected site of the working copy into the form.</source>
        <translation>Den ausgewählten Standort der Arbeitskopie in das Formular laden.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_dock.py" line="172"/>
        <source>Show working copy</source>
        <translation>Arbeitskopie anzeigen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_dock.py" line="174"/>
        <source>Save draft</source>
        <translation>Entwurf speichern</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_dock.py" line="213"/>
        <source>Owner contact</source>
        <translation>Kontakt Eigentümer/in</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_dock.py" line="239"/>
        <source>Draw outline</source>
        <translation>Umriss zeichnen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_dock.py" line="239"/>
        <source>Click building</source>
        <translation>Gebäude anklicken</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_placing.py" line="101"/>
        <source>Click the corners of the outline; right-click to finish.</source>
        <translation>Klicken Sie die Ecken des Umrisses an; Rechtsklick beendet.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_placing.py" line="101"/>
        <source>Click the building on the map.</source>
        <translation>Klicken Sie das Gebäude in der Karte an.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_placing.py" line="143"/>
        <source>Select exactly one feature in the active layer (for example a parcel), then press “Take selected feature” again.</source>
        <translation>Wählen Sie genau ein Objekt im aktiven Layer aus (zum Beispiel ein Flurstück) und klicken Sie dann erneut auf „Geometrie übernehmen“.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_placing.py" line="154"/>
        <source>Type an address to search for, e.g. “Markt 1, Meißen”.</source>
        <translation>Geben Sie eine Adresse für die Suche ein, z. B. „Markt 1, Meißen“.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_placing.py" line="159"/>
        <source>Searching “{text}” …</source>
        <translation>Suche nach „{text}“ …</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_placing.py" line="161"/>
        <source>Address search</source>
        <translation>Adresssuche</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_placing.py" line="178"/>
        <source>Address filled in. Now draw the outline of the brownfield on the map.</source>
        <translation>Adresse eingetragen. Zeichnen Sie jetzt den Umriss der Brachfläche in der Karte.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_dock.py" line="273"/>
        <source>The site is not in the working copy any more.</source>
        <translation>Der Standort ist nicht mehr in der Arbeitskopie.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_dock.py" line="297"/>
        <source>Editing “{name}”.</source>
        <translation>„{name}“ wird bearbeitet.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_dock.py" line="309"/>
        <source>Select one site in the working copy's brownfield or vacancy layer, then press “Edit selected” again.</source>
        <translation>Wählen Sie einen Standort im Brachflächen- oder Leerstands-Layer der Arbeitskopie aus und klicken Sie dann erneut auf „Auswahl bearbeiten“.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_saving.py" line="48"/>
        <source>Checking the register for duplicates …</source>
        <translation>Register wird auf Dubletten geprüft …</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_saving.py" line="50"/>
        <source>Duplicate check</source>
        <translation>Dublettenprüfung</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_saving.py" line="60"/>
        <source>The register could not be searched for duplicates ({error}); only the working copy was checked.</source>
        <translation>Das Register konnte nicht nach Dubletten durchsucht werden ({error}); nur die Arbeitskopie wurde geprüft.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_saving.py" line="107"/>
        <source>“{name}” saved as a draft in the working copy.</source>
        <translation>„{name}“ als Entwurf in der Arbeitskopie gespeichert.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_placing.py" line="186"/>
        <source>No position yet: draw it, search an address or take a selected feature.</source>
        <translation>Noch keine Lage: Zeichnen Sie sie, suchen Sie eine Adresse oder übernehmen Sie ein ausgewähltes Objekt.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_placing.py" line="192"/>
        <source>Position set, but not usable yet (see the message below).</source>
        <translation>Lage gesetzt, aber noch nicht verwendbar (siehe Meldung unten).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_placing.py" line="195"/>
        <source>Outline set: {area} m².</source>
        <translation>Umriss gesetzt: {area} m².</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_placing.py" line="198"/>
        <source>Point set: E {x:.1f}, N {y:.1f} (EPSG:25833).</source>
        <translation>Punkt gesetzt: O {x:.1f}, N {y:.1f} (EPSG:25833).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_placing.py" line="242"/>
        <source>No address found in Landkreis Meißen. Check the spelling, or place the site on the map.</source>
        <translation>Keine Adresse im Landkreis Meißen gefunden. Prüfen Sie die Schreibweise oder setzen Sie den Standort in der Karte.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_placing.py" line="247"/>
        <source>The address search was cancelled.</source>
        <translation>Die Adresssuche wurde abgebrochen.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_dock.py" line="178"/>
        <source>Archive site</source>
        <translation>Standort archivieren</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_dock.py" line="179"/>
        <source>The site is no longer vacant or available: archive it in the register with the next push (the register never deletes).</source>
        <translation>Der Standort steht nicht mehr leer oder ist nicht mehr verfügbar: Mit dem nächsten Hochladen im Register archivieren (das Register löscht nie).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_actions.py" line="29"/>
        <source>Archive “{name}”? It stays in the register's history but is no longer offered.</source>
        <translation>„{name}“ archivieren? Der Standort bleibt in der Historie des Registers, wird aber nicht mehr angeboten.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_actions.py" line="46"/>
        <source>“{name}” will be archived in the register with the next push.</source>
        <translation>„{name}“ wird beim nächsten Hochladen im Register archiviert.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_actions.py" line="48"/>
        <source>The draft “{name}” had never been pushed and was removed from the working copy.</source>
        <translation>Der Entwurf „{name}“ war nie hochgeladen worden und wurde aus der Arbeitskopie entfernt.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_dock.py" line="118"/>
        <source>New drafts are saved in the working copy {path}.</source>
        <translation>Neue Entwürfe werden in der Arbeitskopie {path} gespeichert.</translation>
    </message>
    <message numerus="yes">
        <location filename="../coworking_plugin/gui/capture_placing.py" line="239"/>
        <source>%n address(es) found: choose one.</source>
        <translation>
            <numerusform>%n Adresse gefunden: Wählen Sie sie aus.</numerusform>
            <numerusform>%n Adressen gefunden: Wählen Sie eine aus.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../coworking_plugin/gui/capture_saving.py" line="79"/>
        <source>Please correct the marked field(s) (%n).</source>
        <translation>
            <numerusform>Bitte korrigieren Sie das markierte Feld (%n).</numerusform>
            <numerusform>Bitte korrigieren Sie die markierten Felder (%n).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_dock.py" line="293"/>
        <source>Editing “{name}”, rejected by the county: {reason} Change the site and push it again.</source>
        <translation>Sie bearbeiten „{name}“, vom Landkreis abgelehnt: {reason} Ändern Sie den Standort und laden Sie ihn erneut hoch.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_dock.py" line="184"/>
        <source>Dossier (PDF)…</source>
        <translation>Dossier (PDF)…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_dock.py" line="185"/>
        <source>A PDF of the site being edited (as last saved), else of the sites selected in the working copy.</source>
        <translation>Eine PDF-Datei des gerade bearbeiteten Standorts (Stand der letzten Speicherung), sonst der in der Arbeitskopie ausgewählten Standorte.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_dock.py" line="281"/>
        <source>The site is archived already (or will be with the next push).</source>
        <translation>Der Standort ist bereits archiviert (oder wird es mit dem nächsten Hochladen).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_actions.py" line="65"/>
        <source>Open a site with “Edit selected” or select sites in the working copy first.</source>
        <translation>Bitte zuerst einen Standort mit „Auswahl bearbeiten“ öffnen oder Standorte in der Arbeitskopie auswählen.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_dock.py" line="188"/>
        <source>Photos…</source>
        <translation>Fotos…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_dock.py" line="189"/>
        <source>Photos of the site being edited, kept in the register (after its upload).</source>
        <translation>Fotos des bearbeiteten Standorts, im Register gespeichert (nach dem Hochladen).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_unsaved.py" line="48"/>
        <source>The site “{name}” has changes that are not saved. Save them as a draft first?</source>
        <translation>Der Standort „{name}“ hat Änderungen, die noch nicht gespeichert sind. Zuerst als Entwurf speichern?</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_unsaved.py" line="50"/>
        <source>The form has entries that are not saved. Save them as a draft first?</source>
        <translation>Das Formular enthält Eingaben, die noch nicht gespeichert sind. Zuerst als Entwurf speichern?</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_unsaved.py" line="51"/>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_unsaved.py" line="81"/>
        <source>the placed point (a brownfield needs an outline)</source>
        <translation>der gesetzte Punkt (eine Brachfläche braucht einen Umriss)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_unsaved.py" line="92"/>
        <source>“{kind}” has no place for: {lost}. Discard these entries?</source>
        <translation>„{kind}“ hat keinen Platz für: {lost}. Diese Eingaben verwerfen?</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_unsaved.py" line="94"/>
        <source>Switch the kind?</source>
        <translation>Art wechseln?</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_unsaved.py" line="115"/>
        <source>Replace?</source>
        <translation>Ersetzen?</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_unsaved.py" line="115"/>
        <source>Replace {what}?</source>
        <translation>Folgendes ersetzen: {what}?</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_unsaved.py" line="124"/>
        <source>the placed outline</source>
        <translation>der gesetzte Umriss</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_unsaved.py" line="125"/>
        <source>the placed point</source>
        <translation>der gesetzte Punkt</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_saving.py" line="121"/>
        <source>“{name}” was changed in the working copy after you opened it (by a pull or in another form). Save your entries over that change? “Discard” loads the stored site instead; “Cancel” keeps your entries in the form.</source>
        <translation>„{name}“ wurde in der Arbeitskopie geändert, nachdem Sie den Standort geöffnet haben (durch Abrufen oder in einem anderen Formular). Ihre Eingaben über diese Änderung speichern? „Verwerfen“ lädt stattdessen den gespeicherten Standort; „Abbrechen“ behält Ihre Eingaben im Formular.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_saving.py" line="121"/>
        <source>Site changed meanwhile</source>
        <translation>Standort inzwischen geändert</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_saving.py" line="121"/>
        <source>Save over it</source>
        <translation>Trotzdem speichern</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/capture_saving.py" line="132"/>
        <source>Not saved: the stored site changed after you opened it.</source>
        <translation>Nicht gespeichert: Der gespeicherte Standort wurde geändert, nachdem Sie ihn geöffnet haben.</translation>
    </message>
</context>
<context>
    <name>CheckoutAlgorithm</name>
    <message>
        <location filename="../coworking_plugin/processing/checkout.py" line="16"/>
        <source>Check out a working copy</source>
        <translation>Arbeitskopie auschecken</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/checkout.py" line="19"/>
        <source>Creates or refreshes a GeoPackage with every site of the register this login may see (the database's row-level security decides), their owner contacts where allowed, and the municipalities for offline work. Edits in an existing working copy that were not pushed yet are kept. DATABASE is a QGIS PostgreSQL connection name or a connection string (service=… or host=… dbname=…); no password is stored in the working copy.</source>
        <translation>Erstellt oder aktualisiert ein GeoPackage mit allen Standorten des Registers, die dieses Login sehen darf (das entscheidet die Zeilensicherheit der Datenbank), deren Eigentümerkontakten, soweit erlaubt, und den Gemeinden für die Offline-Arbeit. Noch nicht hochgeladene Änderungen in einer vorhandenen Arbeitskopie bleiben erhalten. DATABASE ist der Name einer PostgreSQL-Verbindung von QGIS oder eine Verbindungszeichenkette (service=… oder host=… dbname=…); in der Arbeitskopie wird kein Passwort gespeichert.</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <location filename="../coworking_plugin/gui/suitability_compare.py" line="58"/>
        <source>Compare sites</source>
        <translation>Standorte vergleichen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_compare.py" line="61"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_compare.py" line="89"/>
        <source>Weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_compare.py" line="91"/>
        <source>{site}: value</source>
        <translation>{site}: Wert</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_compare.py" line="91"/>
        <source>{site}: partial score</source>
        <translation>{site}: Teilpunktzahl</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_compare.py" line="92"/>
        <source>{site}: points</source>
        <translation>{site}: Punkte</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_compare.py" line="97"/>
        <source>Score</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_compare.py" line="97"/>
        <source>Knock-outs</source>
        <translation>Ausschlussgründe</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../coworking_plugin/gui/conflict_dialog.py" line="52"/>
        <source>Conflict: {name}</source>
        <translation>Konflikt: {name}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/conflict_dialog.py" line="86"/>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/conflict_dialog.py" line="86"/>
        <source>Mine</source>
        <translation>Meine Version</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/conflict_dialog.py" line="86"/>
        <source>Theirs (server)</source>
        <translation>Server-Version</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/conflict_dialog.py" line="86"/>
        <source>Keep</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/conflict_dialog.py" line="59"/>
        <source>Geometry (see map)</source>
        <translation>Geometrie (siehe Karte)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/conflict_dialog.py" line="109"/>
        <source>mine</source>
        <translation>meine</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/conflict_dialog.py" line="109"/>
        <source>theirs</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/conflict_dialog.py" line="121"/>
        <source>Keep all mine</source>
        <translation>Alle meine übernehmen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/conflict_dialog.py" line="122"/>
        <source>Take all theirs</source>
        <translation>Alle vom Server übernehmen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/conflict_dialog.py" line="132"/>
        <source>Apply my choice</source>
        <translation>Meine Auswahl anwenden</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/conflict_dialog.py" line="61"/>
        <source>Archived</source>
        <translation>Archiviert</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/conflict_dialog.py" line="67"/>
        <source>original shape</source>
        <translation>ursprüngliche Form</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/conflict_dialog.py" line="67"/>
        <source>blue on the map</source>
        <translation>blau in der Karte</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/conflict_dialog.py" line="67"/>
        <source>orange on the map</source>
        <translation>orange in der Karte</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/conflict_dialog.py" line="71"/>
        <source>(unknown)</source>
        <translation>(unbekannt)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/conflict_dialog.py" line="77"/>
        <source>This site was changed on the server (version {version}) after your last checkout or pull, and you changed it too. What was changed on one side only is taken from that side; choose for every row marked “changed on both sides”. Your choice is sent with the next push. On the map: blue (solid) is your version, orange (dashed) the server's.</source>
        <translation>Dieser Standort wurde nach Ihrem letzten Auschecken oder Abrufen auf dem Server geändert (Version {version}), und Sie haben ihn ebenfalls geändert. Was nur auf einer Seite geändert wurde, wird von dieser Seite übernommen; wählen Sie in jeder Zeile mit „auf beiden Seiten“. Ihre Wahl wird mit dem nächsten Hochladen übertragen. In der Karte: blau (durchgezogen) ist Ihre Fassung, orange (gestrichelt) die des Servers.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/conflict_dialog.py" line="86"/>
        <source>Original</source>
        <translation>Ursprünglich</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/conflict_dialog.py" line="86"/>
        <source>Changed</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/conflict_dialog.py" line="93"/>
        <source>by you</source>
        <translation>von Ihnen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/conflict_dialog.py" line="93"/>
        <source>on the server</source>
        <translation>auf dem Server</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/conflict_dialog.py" line="94"/>
        <source>on both sides</source>
        <translation>auf beiden Seiten</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/conflict_dialog.py" line="148"/>
        <source>Choose mine or theirs in every row first.</source>
        <translation>Wählen Sie zuerst in jeder Zeile „meine“ oder „Server“.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/conflict_dialog.py" line="190"/>
        <source>Discard the sides you chose? The conflict stays until you resolve it.</source>
        <translation>Die gewählten Seiten verwerfen? Der Konflikt bleibt bestehen, bis Sie ihn auflösen.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/conflict_dialog.py" line="190"/>
        <source>Discard your choice?</source>
        <translation>Ihre Auswahl verwerfen?</translation>
    </message>
</context>
<context>
    <name>CoworkingAlgorithm</name>
    <message>
        <location filename="../coworking_plugin/processing/base.py" line="55"/>
        <source>Database (QGIS PostgreSQL connection name or connection string)</source>
        <translation>Datenbank (Name einer PostgreSQL-Verbindung von QGIS oder Verbindungszeichenkette)</translation>
    </message>
</context>
<context>
    <name>CoworkingProvider</name>
    <message>
        <location filename="../coworking_plugin/processing/provider.py" line="42"/>
        <source>Coworking Leerstandsmelder</source>
        <translation>Coworking Leerstandsmelder</translation>
    </message>
</context>
<context>
    <name>DashboardDialog</name>
    <message>
        <location filename="../coworking_plugin/gui/dashboard.py" line="48"/>
        <source>Success indicators</source>
        <translation>Erfolgsindikatoren</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/dashboard.py" line="91"/>
        <source>Reading the register…</source>
        <translation>Register wird gelesen…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/dashboard.py" line="58"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/dashboard.py" line="60"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/dashboard.py" line="61"/>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/dashboard.py" line="92"/>
        <source>Reading the success indicators</source>
        <translation>Erfolgsindikatoren werden gelesen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/dashboard.py" line="100"/>
        <source>Reading the register was cancelled.</source>
        <translation>Das Lesen des Registers wurde abgebrochen.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/dashboard.py" line="102"/>
        <source>The figures could not be read: {error}</source>
        <translation>Die Kennzahlen konnten nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/dashboard.py" line="112"/>
        <source>Sites in the register: {n}</source>
        <translation>Standorte im Register: {n}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/dashboard.py" line="113"/>
        <source>Municipalities reporting in the last {days} days: {active} of {all}</source>
        <translation>Gemeinden mit Meldungen in den letzten {days} Tagen: {active} von {all}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/dashboard.py" line="115"/>
        <source>Review turnaround: median {median} days, 90th percentile {p90} days ({n} decisions)</source>
        <translation>Prüfdauer: Median {median} Tage, 90. Perzentil {p90} Tage ({n} Entscheidungen)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/dashboard.py" line="119"/>
        <source>Models with a suitable approved site: {n} of {all}; target groups: {g} of {gall}</source>
        <translation>Modelle mit geeignetem freigegebenem Standort: {n} von {all}; Zielgruppen: {g} von {gall}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/dashboard.py" line="173"/>
        <source>Folder for the CSV files</source>
        <translation>Ordner für die CSV-Dateien</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/dashboard.py" line="179"/>
        <source>The CSV files could not be written: {error}</source>
        <translation>Die CSV-Dateien konnten nicht geschrieben werden: {error}</translation>
    </message>
    <message numerus="yes">
        <location filename="../coworking_plugin/gui/dashboard.py" line="182"/>
        <source>%n CSV file(s) written to {folder}.</source>
        <translation>
            <numerusform>%n CSV-Datei nach {folder} geschrieben.</numerusform>
            <numerusform>%n CSV-Dateien nach {folder} geschrieben.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DiscardLocalChangeAlgorithm</name>
    <message>
        <location filename="../coworking_plugin/processing/discard_local_change.py" line="36"/>
        <source>Discard local changes of sites</source>
        <translation>Lokale Änderungen an Standorten verwerfen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/discard_local_change.py" line="39"/>
        <source>Working copy</source>
        <translation>Arbeitskopie</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/discard_local_change.py" line="45"/>
        <source>Throws away what was changed in the working copy for the given sites (their identifiers, UUIDS, separated by commas, spaces or lines) and puts them back as the register had them at the last checkout, pull or push; a new site that was never pushed is removed. Use it for a change the register refuses on every push, such as a bulk update that touched a site of another municipality.</source>
        <translation>Verwirft, was in der Arbeitskopie an den angegebenen Standorten geändert wurde (ihre Kennungen, UUIDS, getrennt durch Kommas, Leerzeichen oder Zeilen), und stellt sie so wieder her, wie das Register sie beim letzten Auschecken, Abrufen oder Hochladen hatte; ein neuer, nie hochgeladener Standort wird entfernt. Für eine Änderung, die das Register bei jedem Hochladen abweist, etwa eine Sammeländerung, die einen Standort einer anderen Gemeinde erfasst hat.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/discard_local_change.py" line="52"/>
        <source>Working copy (GeoPackage)</source>
        <translation>Arbeitskopie (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/discard_local_change.py" line="52"/>
        <source>Site identifiers (UUIDs)</source>
        <translation>Kennungen der Standorte (UUIDs)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/discard_local_change.py" line="57"/>
        <source>Sites discarded</source>
        <translation>Verworfene Standorte</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/discard_local_change.py" line="57"/>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/discard_local_change.py" line="70"/>
        <source>No site identifier (UUID) was given; nothing was changed.</source>
        <translation>Es wurde keine Standortkennung (UUID) angegeben; nichts wurde geändert.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/discard_local_change.py" line="79"/>
        <source>Sites discarded: {done} of {total}.</source>
        <translation>Verworfene Standorte: {done} von {total}.</translation>
    </message>
</context>
<context>
    <name>ExportDossierAlgorithm</name>
    <message>
        <location filename="../coworking_plugin/processing/export_dossier.py" line="49"/>
        <source>Export site dossier (PDF)</source>
        <translation>Standort-Dossier exportieren (PDF)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/export_dossier.py" line="52"/>
        <source>Suitability</source>
        <translation>Standorteignung</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/export_dossier.py" line="64"/>
        <source>Writes a PDF dossier of sites: one A4 page per site with a map of the site and its surroundings, the key facts as the form shows them, the score 0..100 for each coworking model with the best model, knock-outs and the explanation chart, and the review status. Sites: the UUIDs given, else the selected features of the layer. One PDF for all sites, or with “One PDF per site” one file per site in the folder named like the output without “.pdf”. Owner contacts only when asked for, and only what the database lets your role read. Reference layers not given are taken from the suitability dock's assignment in the project, else the rail stations and municipalities shipped with the plugin.</source>
        <translation>Schreibt ein PDF-Dossier von Standorten: je Standort eine A4-Seite mit einer Karte des Standorts und seiner Umgebung, den Eckdaten wie im Formular, der Bewertung 0..100 für jedes Coworking-Modell mit dem besten Modell, Ausschlusskriterien und dem Erklärungsdiagramm sowie dem Prüfstatus. Standorte: die angegebenen UUIDs, sonst die ausgewählten Objekte des Layers. Eine PDF-Datei für alle Standorte oder mit „Eine PDF-Datei je Standort“ je Standort eine Datei im Ordner mit dem Namen der Ausgabe ohne „.pdf“. Eigentümerkontakte nur auf Wunsch und nur, soweit die Datenbank Ihrer Rolle das Lesen erlaubt. Nicht angegebene Referenz-Layer kommen aus der Zuordnung im Dock Standorteignung des Projekts, sonst die mit dem Plugin gelieferten Bahnhöfe und Gemeinden.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/export_dossier.py" line="74"/>
        <source>Sites (working copy or register layer)</source>
        <translation>Standorte (Arbeitskopie oder Register-Layer)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/export_dossier.py" line="77"/>
        <source>Site identifiers (UUIDs; empty: the selected features)</source>
        <translation>Standort-Kennungen (UUIDs; leer: die ausgewählten Objekte)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/export_dossier.py" line="84"/>
        <source>Suitability profile (JSON; empty: the project&apos;s or the shipped default)</source>
        <translation>Eignungsprofil (JSON; leer: das des Projekts oder das mitgelieferte Standardprofil)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/export_dossier.py" line="87"/>
        <source>Include the owner&apos;s contact (confidential)</source>
        <translation>Kontakt der Eigentümer/innen aufnehmen (vertraulich)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/export_dossier.py" line="89"/>
        <source>One PDF per site</source>
        <translation>Eine PDF-Datei je Standort</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/export_dossier.py" line="90"/>
        <source>Dossier</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/export_dossier.py" line="90"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/export_dossier.py" line="99"/>
        <source>These are no site identifiers (UUIDs): {text}</source>
        <translation>Das sind keine Standort-Kennungen (UUIDs): {text}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/export_dossier.py" line="106"/>
        <source>Select the sites on the map or give their identifiers (UUIDs).</source>
        <translation>Bitte die Standorte auf der Karte auswählen oder ihre Kennungen (UUIDs) angeben.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/export_dossier.py" line="111"/>
        <source>Cannot read the profile {path}: {error}</source>
        <translation>Das Profil {path} kann nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/export_dossier.py" line="124"/>
        <source>{n} of the identifiers name no site of the layer.</source>
        <translation>{n} der Kennungen bezeichnen keinen Standort des Layers.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/export_dossier.py" line="132"/>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message numerus="yes">
        <location filename="../coworking_plugin/processing/export_dossier.py" line="135"/>
        <source>%n site(s) in the dossier.</source>
        <translation>
            <numerusform>%n Standort im Dossier.</numerusform>
            <numerusform>%n Standorte im Dossier.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportSitesAlgorithm</name>
    <message>
        <location filename="../coworking_plugin/processing/import_sites.py" line="55"/>
        <source>Import sites from a list</source>
        <translation>Standorte aus einer Liste importieren</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/import_sites.py" line="58"/>
        <source>Capture</source>
        <translation>Erfassung</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/import_sites.py" line="80"/>
        <source>List of sites (table or layer)</source>
        <translation>Liste der Standorte (Tabelle oder Layer)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/import_sites.py" line="82"/>
        <source>Kind of site</source>
        <translation>Art des Standorts</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/import_sites.py" line="82"/>
        <source>Brownfield</source>
        <translation>Brachfläche</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/import_sites.py" line="82"/>
        <source>Vacant building</source>
        <translation>Leerstand</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/import_sites.py" line="84"/>
        <source>Working copy (GeoPackage; empty: the one in the plugin settings)</source>
        <translation>Arbeitskopie (GeoPackage; leer: die aus den Plugin-Einstellungen)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/import_sites.py" line="87"/>
        <source>Field mapping (field=column; …), in addition to matching names</source>
        <translation>Feldzuordnung (Feld=Spalte; …), zusätzlich zu gleichnamigen Spalten</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/import_sites.py" line="90"/>
        <source>X / longitude column</source>
        <translation>Spalte X / Längengrad</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/import_sites.py" line="92"/>
        <source>Y / latitude column</source>
        <translation>Spalte Y / Breitengrad</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/import_sites.py" line="94"/>
        <source>CRS of the coordinate columns (empty: WGS 84, EPSG:4326)</source>
        <translation>KBS der Koordinatenspalten (leer: WGS 84, EPSG:4326)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/import_sites.py" line="97"/>
        <source>Search the address of rows without coordinates</source>
        <translation>Adresse von Zeilen ohne Koordinaten suchen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/import_sites.py" line="99"/>
        <source>Import report</source>
        <translation>Importbericht</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/import_sites.py" line="169"/>
        <source>The list could not be opened. Choose a CSV, XLSX or layer.</source>
        <translation>Die Liste konnte nicht geöffnet werden. Wählen Sie eine CSV- oder XLSX-Datei oder einen Layer.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/import_sites.py" line="115"/>
        <source>No working copy: choose a GeoPackage or set it in the plugin settings.</source>
        <translation>Keine Arbeitskopie: Wählen Sie ein GeoPackage oder legen Sie es in den Plugin-Einstellungen fest.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/import_sites.py" line="126"/>
        <source>Mapped columns: {pairs}</source>
        <translation>Zugeordnete Spalten: {pairs}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/import_sites.py" line="214"/>
        <source>Row {row} ({name}): {messages}</source>
        <translation>Zeile {row} ({name}): {messages}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/import_sites.py" line="64"/>
        <source>Imports brownfields or vacant buildings from a table (CSV, XLSX or any layer QGIS can read) into the working copy as drafts. A CSV may come from Excel in UTF-8 or Windows-1252, with semicolons, commas or tabs and with decimal commas; in a spreadsheet, a title and blank rows above the header are skipped. Columns named like the catalogue fields or their German/English labels (in any case) are mapped automatically; add pairs such as “Bezeichnung=Objekt; Anschrift=Straße” for others. Choice columns may hold the key or the label; the municipality its name or key; dates may be date cells or text such as 01.05.2019. The position comes from the layer's geometry, from the coordinate columns (in the given CRS) or, for vacant buildings, from the address search. Every row is checked like in the capture dock. A row imported before is recognised by its ID column (ID, Lfd. Nr., Objekt-Nr.) or else by its name, address and municipality, and is not imported again. The report lists every row by its row number: imported (with duplicate warnings), already imported, not placed, invalid or not processed, with what to fix.</source>
        <translation>Importiert Brachflächen oder Leerstände aus einer Tabelle (CSV, XLSX oder jeder Layer, den QGIS lesen kann) als Entwürfe in die Arbeitskopie. Eine CSV-Datei darf aus Excel in UTF-8 oder Windows-1252 kommen, mit Semikolons, Kommas oder Tabulatoren und mit Dezimalkommas; in einer Tabellenkalkulation werden ein Titel und Leerzeilen über der Kopfzeile übersprungen. Spalten, die wie die Katalogfelder oder deren deutsche/englische Bezeichnungen heißen (Groß-/Kleinschreibung beliebig), werden automatisch zugeordnet; für andere ergänzen Sie Paare wie „Bezeichnung=Objekt; Anschrift=Straße“. Auswahlspalten dürfen den Schlüssel oder die Bezeichnung enthalten, die Gemeinde ihren Namen oder Schlüssel; Daten dürfen Datumszellen oder Text wie 01.05.2019 sein. Die Lage kommt aus der Geometrie des Layers, aus den Koordinatenspalten (im angegebenen KBS) oder, bei Leerständen, aus der Adresssuche. Jede Zeile wird wie im Fenster „Standorte erfassen“ geprüft. Eine früher importierte Zeile wird an ihrer Nummernspalte (ID, Lfd. Nr., Objekt-Nr.) oder sonst an Bezeichnung, Anschrift und Gemeinde erkannt und nicht erneut importiert. Der Bericht führt jede Zeile mit ihrer Zeilennummer auf: importiert (mit Dublettenhinweisen), bereits importiert, nicht verortet, ungültig oder nicht bearbeitet, jeweils mit dem, was zu korrigieren ist.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/import_sites.py" line="151"/>
        <source>The import stopped before this row. Run it again: rows already imported are recognised.</source>
        <translation>Der Import brach vor dieser Zeile ab. Führen Sie ihn erneut aus: bereits importierte Zeilen werden erkannt.</translation>
    </message>
    <message numerus="yes">
        <location filename="../coworking_plugin/processing/import_sites.py" line="154"/>
        <source>{imported} imported, {already} already imported, {not_placed} not placed, {invalid} invalid, of %n row(s).</source>
        <translation>
            <numerusform>{imported} importiert, {already} bereits importiert, {not_placed} nicht verortet, {invalid} ungültig, von %n Zeile.</numerusform>
            <numerusform>{imported} importiert, {already} bereits importiert, {not_placed} nicht verortet, {invalid} ungültig, von %n Zeilen.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/import_sites.py" line="178"/>
        <source>Read as {encoding}, columns separated by “{delimiter}”, {decimal}.</source>
        <translation>Gelesen als {encoding}, Spalten getrennt durch „{delimiter}“, {decimal}.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/import_sites.py" line="178"/>
        <source>decimal comma</source>
        <translation>Dezimalkomma</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/import_sites.py" line="178"/>
        <source>decimal point</source>
        <translation>Dezimalpunkt</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/import_sites.py" line="178"/>
        <source>decimal separator per cell</source>
        <translation>Dezimaltrennzeichen je Zelle</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/import_sites.py" line="185"/>
        <source>The header is row {row}: {names}</source>
        <translation>Die Kopfzeile ist Zeile {row}: {names}</translation>
    </message>
</context>
<context>
    <name>InstallBoundariesAlgorithm</name>
    <message>
        <location filename="../coworking_plugin/processing/install_boundaries.py" line="39"/>
        <source>Install finer municipal boundaries</source>
        <translation>Genauere Gemeindegrenzen installieren</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/install_boundaries.py" line="42"/>
        <source>Replaces the boundaries of the county&apos;s 28 municipalities in the register with those of a polygon layer (e.g. BKG VG25 or ALKIS), so that the check of where a site lies can be strict. KEY is the field with the 8-digit municipality key (AGS, e.g. 14627140) or the 12-digit regional key (ARS); features of other municipalities are skipped, several features of one municipality are merged. SOURCE names the data and its licence. TOLERANCE (m; empty keeps it) is how far a site may lie outside the municipality it names: a few metres for ALKIS, about 25 m for VG25. All or nothing: if a municipality is missing, a geometry is invalid or a boundary hardly overlaps the current one, nothing is changed. Run it as a member of coworking_admin. Officers get the new boundaries with their next pull or checkout.</source>
        <translation>Ersetzt im Register die Grenzen der 28 Gemeinden des Landkreises durch die eines Polygonlayers (z. B. BKG VG25 oder ALKIS), damit die Prüfung der Lage eines Standorts streng sein kann. KEY ist das Feld mit dem 8-stelligen Gemeindeschlüssel (AGS, z. B. 14627140) oder dem 12-stelligen Regionalschlüssel (ARS); Objekte anderer Gemeinden werden übersprungen, mehrere Objekte einer Gemeinde zusammengefasst. SOURCE nennt die Daten und ihre Lizenz. TOLERANCE (m; leer: unverändert) gibt an, wie weit ein Standort außerhalb der angegebenen Gemeinde liegen darf: wenige Meter bei ALKIS, etwa 25 m bei VG25. Alles oder nichts: Fehlt eine Gemeinde, ist eine Geometrie ungültig oder überdeckt eine Grenze die bisherige kaum, wird nichts geändert. Als Mitglied von coworking_admin ausführen. Die Sachbearbeitung erhält die neuen Grenzen beim nächsten Abrufen oder Auschecken.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/install_boundaries.py" line="53"/>
        <source>Database (QGIS PostgreSQL connection name or connection string)</source>
        <translation>Datenbank (Name einer PostgreSQL-Verbindung von QGIS oder Verbindungszeichenkette)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/install_boundaries.py" line="53"/>
        <source>Municipal boundaries</source>
        <translation>Gemeindegrenzen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/install_boundaries.py" line="53"/>
        <source>Field with the municipality key (AGS or ARS)</source>
        <translation>Feld mit dem Gemeindeschlüssel (AGS oder ARS)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/install_boundaries.py" line="53"/>
        <source>Source and licence of the boundaries (empty: the layer&apos;s name)</source>
        <translation>Quelle und Lizenz der Grenzen (leer: Name des Layers)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/install_boundaries.py" line="53"/>
        <source>Tolerance for where a site lies (m; empty: keep)</source>
        <translation>Toleranz für die Lage eines Standorts (m; leer: unverändert)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/install_boundaries.py" line="68"/>
        <source>Municipalities replaced</source>
        <translation>Ersetzte Gemeinden</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/install_boundaries.py" line="69"/>
        <source>Sites farther than the tolerance from their municipality</source>
        <translation>Standorte weiter als die Toleranz von ihrer Gemeinde entfernt</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/install_boundaries.py" line="104"/>
        <source>Installing the boundaries failed; nothing was changed: {error}</source>
        <translation>Die Grenzen konnten nicht installiert werden; es wurde nichts geändert: {error}</translation>
    </message>
    <message numerus="yes">
        <location filename="../coworking_plugin/processing/install_boundaries.py" line="111"/>
        <source>%n site(s) lie farther than the tolerance from the municipality they name. They stay as they are; their next move is checked. Look at them in the review, and record a reason where they are right.</source>
        <translation>
            <numerusform>%n Standort liegt weiter als die Toleranz von der angegebenen Gemeinde entfernt. Er bleibt, wie er ist; seine nächste Verschiebung wird geprüft. Sehen Sie ihn in der Prüfung an und tragen Sie eine Begründung ein, wenn er richtig liegt.</numerusform>
            <numerusform>%n Standorte liegen weiter als die Toleranz von der angegebenen Gemeinde entfernt. Sie bleiben, wie sie sind; ihre nächste Verschiebung wird geprüft. Sehen Sie sie in der Prüfung an und tragen Sie eine Begründung ein, wo sie richtig liegen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InstallDatabaseAlgorithm</name>
    <message>
        <location filename="../coworking_plugin/processing/install_database.py" line="38"/>
        <source>Install or upgrade the register database</source>
        <translation>Registerdatenbank installieren oder aktualisieren</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/install_database.py" line="54"/>
        <source>Municipalities (optional; fields AGS and GEN)</source>
        <translation>Gemeinden (optional; Felder AGS und GEN)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/install_database.py" line="54"/>
        <source>Store layer styles and forms in layer_styles</source>
        <translation>Layerstile und Formulare in layer_styles speichern</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/install_database.py" line="68"/>
        <source>Schema version</source>
        <translation>Schemaversion</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/install_database.py" line="68"/>
        <source>Migrations applied</source>
        <translation>Angewendete Migrationen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/install_database.py" line="94"/>
        <source>Installing the register failed; nothing was changed: {error}</source>
        <translation>Die Installation des Registers ist fehlgeschlagen; nichts wurde geändert: {error}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/install_database.py" line="41"/>
        <source>Creates or upgrades the schema coworking in a PostGIS database: tables, review rules, row-level security, history, the public view coworking.public_site and the roles coworking_admin, coworking_reviewer, coworking_editor and coworking_reader. Running it again changes nothing; a newer plugin upgrades an older database in place. DATABASE is the name of a QGIS PostgreSQL connection or a connection string (service=… or host=… dbname=… user=…). The connecting role must be allowed to create schemas and roles (the database owner with CREATEROLE, or a superuser). Municipalities are loaded from the data shipped with the plugin unless you choose a layer (fields AGS and GEN). The form and symbols of the site layers are stored in the table layer_styles. The register's messages are in the language chosen here. The tolerance says how far a site may lie outside the municipality it names (1,000 m suits the boundaries shipped with the plugin; less for finer boundaries; empty keeps it).</source>
        <translation>Erstellt oder aktualisiert das Schema coworking in einer PostGIS-Datenbank: Tabellen, Prüfregeln, Zeilensicherheit, Historie, die öffentliche Sicht coworking.public_site und die Rollen coworking_admin, coworking_reviewer, coworking_editor und coworking_reader. Ein erneuter Lauf ändert nichts; ein neueres Plugin aktualisiert eine ältere Datenbank an Ort und Stelle. DATABASE ist der Name einer PostgreSQL-Verbindung von QGIS oder eine Verbindungszeichenkette (service=… oder host=… dbname=… user=…). Die verbindende Rolle muss Schemas und Rollen anlegen dürfen (die Eigentümerrolle der Datenbank mit CREATEROLE oder ein Superuser). Die Gemeinden werden aus den mit dem Plugin gelieferten Daten geladen, außer Sie wählen einen Layer (Felder AGS und GEN). Formular und Symbole der Standort-Layer werden in der Tabelle layer_styles gespeichert. Die Meldungen des Registers erscheinen in der hier gewählten Sprache. Die Toleranz gibt an, wie weit ein Standort außerhalb der angegebenen Gemeinde liegen darf (1.000 m passen zu den mit dem Plugin gelieferten Grenzen; weniger bei genaueren Grenzen; leer lässt den Wert unverändert).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/install_database.py" line="54"/>
        <source>Language of the register&apos;s messages</source>
        <translation>Sprache der Meldungen des Registers</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/install_database.py" line="54"/>
        <source>Tolerance for where a site lies (m; empty: keep, 1,000 on a new register)</source>
        <translation>Toleranz für die Lage eines Standorts (m; leer: unverändert, 1.000 bei einem neuen Register)</translation>
    </message>
</context>
<context>
    <name>LoadGtfsAlgorithm</name>
    <message>
        <location filename="../coworking_plugin/processing/load_gtfs.py" line="27"/>
        <source>Load public transport from a GTFS feed</source>
        <translation>ÖPNV aus einem GTFS-Feed laden</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/load_gtfs.py" line="30"/>
        <source>Reads a GTFS feed (zip; e.g. VVO or DELFI) and writes the layer transit_stops into the reference GeoPackage: per station in and around the county the departures per hour between 6 and 9 o'clock on one weekday (the date given, or the next Tuesday the feed covers), and the minutes of the fastest scheduled journey departing then to Dresden Hbf (minutes_to_dresden) and to the nearest of Meißen, Riesa, Großenhain, Radebeul and Coswig (minutes_to_centre, centre), by a connection scan with 2 minutes to change at a station and footpaths of up to 300 m to nearby stops. The profile's public transport criteria read this layer; without it they fall back to straight lines.</source>
        <translation>Liest einen GTFS-Feed (Zip; z. B. VVO oder DELFI) und schreibt den Layer transit_stops in das Referenz-GeoPackage: je Haltestelle im und um den Landkreis die Abfahrten je Stunde zwischen 6 und 9 Uhr an einem Werktag (am angegebenen Datum oder am nächsten Dienstag, den der Feed abdeckt) und die Minuten der schnellsten dann abfahrenden Verbindung laut Fahrplan nach Dresden Hbf (minutes_to_dresden) und zum nächstgelegenen der Zentren Meißen, Riesa, Großenhain, Radebeul und Coswig (minutes_to_centre, centre), berechnet mit einem Connection-Scan mit 2 Minuten Umsteigezeit an einer Station und Fußwegen von bis zu 300 m zu nahen Haltestellen. Die ÖPNV-Kriterien des Profils lesen diesen Layer; ohne ihn gelten ersatzweise die Luftlinien.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/load_gtfs.py" line="40"/>
        <source>GTFS feed (zip)</source>
        <translation>GTFS-Feed (Zip)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/load_gtfs.py" line="41"/>
        <source>Weekday to judge (YYYY-MM-DD; empty: the next Tuesday within the feed)</source>
        <translation>Zu bewertender Werktag (JJJJ-MM-TT; leer: der nächste Dienstag im Gültigkeitszeitraum des Feeds)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/load_gtfs.py" line="44"/>
        <source>Attribution required by the feed&apos;s licence (empty: the feed&apos;s publisher)</source>
        <translation>Von der Lizenz des Feeds verlangte Namensnennung (leer: der Herausgeber des Feeds)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/load_gtfs.py" line="58"/>
        <source>“{date}” is not a date: write it as YYYY-MM-DD, e.g. 2026-12-08.</source>
        <translation>„{date}“ ist kein Datum: Schreiben Sie es als JJJJ-MM-TT, z. B. 2026-12-08.</translation>
    </message>
    <message numerus="yes">
        <location filename="../coworking_plugin/processing/load_gtfs.py" line="68"/>
        <source>{date}: %n station(s) with service, {connections} connections scanned.</source>
        <translation>
            <numerusform>{date}: %n Haltestelle mit Angebot, {connections} Verbindungen durchsucht.</numerusform>
            <numerusform>{date}: %n Haltestellen mit Angebot, {connections} Verbindungen durchsucht.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LoadOsmAlgorithm</name>
    <message>
        <location filename="../coworking_plugin/processing/load_osm.py" line="39"/>
        <source>Load OpenStreetMap reference data</source>
        <translation>OpenStreetMap-Referenzdaten laden</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/load_osm.py" line="42"/>
        <source>Asks an Overpass server for the OpenStreetMap features every reference role of the profile needs (shops, cafés and bakeries, doctors and pharmacies, primary schools, kindergartens, accommodation, bus stops, protected areas and vineyards) inside the county's bounding box, and writes one layer per role (EPSG:25833, fields osm_id, name, tags) into the reference GeoPackage. Loading again replaces these layers and keeps the others. © OpenStreetMap-Mitwirkende, ODbL 1.0: the attribution is in each layer's metadata. Empty server: the one in the plugin settings.</source>
        <translation>Fragt bei einem Overpass-Server die OpenStreetMap-Objekte ab, die jede Referenzrolle des Profils braucht (Nahversorger, Cafés und Bäckereien, Ärzte und Apotheken, Grundschulen, Kindertagesstätten, Beherbergung, Bushaltestellen, Schutzgebiete und Weinberge), im umschließenden Rechteck des Landkreises, und schreibt je Rolle einen Layer (EPSG:25833, Felder osm_id, name, tags) in das Referenz-GeoPackage. Erneutes Laden ersetzt diese Layer und behält die übrigen. © OpenStreetMap-Mitwirkende, ODbL 1.0: Die Namensnennung steht in den Metadaten jedes Layers. Leerer Server: der aus den Plugin-Einstellungen.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/load_osm.py" line="51"/>
        <source>Suitability profile (JSON; empty: the shipped default)</source>
        <translation>Eignungsprofil (JSON; leer: das mitgelieferte Standardprofil)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/load_osm.py" line="54"/>
        <source>Overpass server (empty: the one in the plugin settings)</source>
        <translation>Overpass-Server (leer: der aus den Plugin-Einstellungen)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/load_osm.py" line="56"/>
        <source>Timeout per request (seconds; 0: the plugin settings)</source>
        <translation>Wartezeit je Anfrage (Sekunden; 0: aus den Plugin-Einstellungen)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/load_osm.py" line="60"/>
        <source>Layers written</source>
        <translation>Geschriebene Layer</translation>
    </message>
    <message numerus="yes">
        <location filename="../coworking_plugin/processing/load_osm.py" line="81"/>
        <source>{role}: %n feature(s)</source>
        <translation>
            <numerusform>{role}: %n Objekt</numerusform>
            <numerusform>{role}: %n Objekte</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LoadZensusAlgorithm</name>
    <message>
        <location filename="../coworking_plugin/processing/load_zensus.py" line="18"/>
        <source>Load the Zensus 2022 population grid</source>
        <translation>Zensus-2022-Bevölkerungsgitter laden</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/load_zensus.py" line="21"/>
        <source>Reads the Zensus 2022 population grid of 100 m cells (CSV with x_mp_100m, y_mp_100m and Einwohner in EPSG:3035, separated by semicolons, as published by the statistical offices) and writes the inhabited cells in and around the county as points into the reference GeoPackage (layer zensus_grid). The criterion “Inhabitants within 2 km” sums the cells whose centre lies within 2 km of a site. © Statistisches Bundesamt (Destatis), Zensus 2022, dl-de/by-2-0.</source>
        <translation>Liest das Bevölkerungsgitter des Zensus 2022 mit 100-m-Zellen (CSV mit x_mp_100m, y_mp_100m und Einwohner in EPSG:3035, durch Semikolon getrennt, wie von den statistischen Ämtern veröffentlicht) und schreibt die bewohnten Zellen im und um den Landkreis als Punkte in das Referenz-GeoPackage (Layer zensus_grid). Das Kriterium „Einwohner im Umkreis von 2 km“ summiert die Zellen, deren Mittelpunkt höchstens 2 km vom Standort entfernt liegt. © Statistisches Bundesamt (Destatis), Zensus 2022, dl-de/by-2-0.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/load_zensus.py" line="29"/>
        <source>Zensus 2022 grid (CSV)</source>
        <translation>Zensus-2022-Gitter (CSV)</translation>
    </message>
    <message numerus="yes">
        <location filename="../coworking_plugin/processing/load_zensus.py" line="44"/>
        <source>%n inhabited cell(s), {people} inhabitants.</source>
        <translation>
            <numerusform>%n bewohnte Zelle, {people} Einwohner.</numerusform>
            <numerusform>%n bewohnte Zellen, {people} Einwohner.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PhotoDialog</name>
    <message>
        <location filename="../coworking_plugin/gui/photo_dialog.py" line="50"/>
        <source>Photos of “{name}”</source>
        <translation>Fotos von „{name}“</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/photo_dialog.py" line="71"/>
        <source>e.g. Front on the market square</source>
        <translation>z. B. Ansicht vom Markt</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/photo_dialog.py" line="73"/>
        <source>who took the photo, e.g. Stadt Riesa</source>
        <translation>wer das Foto aufgenommen hat, z. B. Stadt Riesa</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/photo_dialog.py" line="198"/>
        <source>public</source>
        <translation>öffentlich</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/photo_dialog.py" line="75"/>
        <source>Caption</source>
        <translation>Bildunterschrift</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/photo_dialog.py" line="76"/>
        <source>Credit</source>
        <translation>Urheber/in</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/photo_dialog.py" line="79"/>
        <source>Public photos appear in the Geoportal and in dossiers once the county has approved the site. No faces, licence plates or other people may be recognisable in them (GDPR), and the author must agree to the publication.</source>
        <translation>Öffentliche Fotos erscheinen im Geoportal und in Steckbriefen, sobald der Landkreis den Standort freigegeben hat. Auf ihnen dürfen keine Gesichter, Kfz-Kennzeichen oder andere Personen erkennbar sein (DSGVO), und die Urheberin bzw. der Urheber muss der Veröffentlichung zustimmen.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/photo_dialog.py" line="86"/>
        <source>Every change of a photo sends the site back to the county&apos;s review.</source>
        <translation>Jede Änderung an einem Foto legt den Standort erneut dem Landkreis zur Prüfung vor.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/photo_dialog.py" line="89"/>
        <source>Add photo…</source>
        <translation>Foto hinzufügen…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/photo_dialog.py" line="91"/>
        <source>Save changes</source>
        <translation>Änderungen speichern</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/photo_dialog.py" line="93"/>
        <source>Delete photo…</source>
        <translation>Foto löschen…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/photo_dialog.py" line="147"/>
        <source>Save the changed caption, credit or publication of the photo?</source>
        <translation>Die geänderte Bildunterschrift, Urheberangabe oder Veröffentlichung des Fotos speichern?</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/photo_dialog.py" line="184"/>
        <source>The photos could not be read.</source>
        <translation>Die Fotos konnten nicht gelesen werden.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/photo_dialog.py" line="244"/>
        <source>(no caption)</source>
        <translation>(ohne Bildunterschrift)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/photo_dialog.py" line="198"/>
        <source>internal</source>
        <translation>intern</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/photo_dialog.py" line="208"/>
        <source>Loading the photos…</source>
        <translation>Fotos werden geladen…</translation>
    </message>
    <message numerus="yes">
        <location filename="../coworking_plugin/gui/photo_dialog.py" line="208"/>
        <source>%n photo(s).</source>
        <translation>
            <numerusform>%n Foto.</numerusform>
            <numerusform>%n Fotos.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/photo_dialog.py" line="213"/>
        <source>Add photo</source>
        <translation>Foto hinzufügen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/photo_dialog.py" line="213"/>
        <source>Images (*.jpg *.jpeg *.png *.JPG *.JPEG *.PNG)</source>
        <translation>Bilder (*.jpg *.jpeg *.png *.JPG *.JPEG *.PNG)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/photo_dialog.py" line="222"/>
        <source>Adding the photo…</source>
        <translation>Foto wird hinzugefügt…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/photo_dialog.py" line="222"/>
        <source>Photo added (internal). Enter caption and credit; tick “public” only if it may be published.</source>
        <translation>Foto hinzugefügt (intern). Tragen Sie Bildunterschrift und Urheber/in ein; setzen Sie das Häkchen bei „öffentlich“ nur, wenn es veröffentlicht werden darf.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/photo_dialog.py" line="235"/>
        <source>Saving the photo…</source>
        <translation>Foto wird gespeichert…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/photo_dialog.py" line="235"/>
        <source>Saved. The site waits for the county&apos;s review again.</source>
        <translation>Gespeichert. Der Standort wartet erneut auf die Prüfung durch den Landkreis.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/photo_dialog.py" line="244"/>
        <source>Delete the photo “{caption}” from the register?</source>
        <translation>Das Foto „{caption}“ aus dem Register löschen?</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/photo_dialog.py" line="251"/>
        <source>Deleting the photo…</source>
        <translation>Foto wird gelöscht…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/photo_dialog.py" line="251"/>
        <source>Photo deleted.</source>
        <translation>Foto gelöscht.</translation>
    </message>
</context>
<context>
    <name>PolygonTool</name>
    <message>
        <location filename="../coworking_plugin/gui/maptools.py" line="85"/>
        <source>A polygon needs at least three vertices: click more points, then right-click.</source>
        <translation>Ein Polygon braucht mindestens drei Stützpunkte: Klicken Sie weitere Punkte und beenden Sie mit Rechtsklick.</translation>
    </message>
</context>
<context>
    <name>ProfileEditor</name>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="46"/>
        <source>Edit the suitability profile</source>
        <translation>Eignungsprofil bearbeiten</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="56"/>
        <source>Id</source>
        <translation>Kennung</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="61"/>
        <source>Label (German)</source>
        <translation>Bezeichnung (deutsch)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="62"/>
        <source>Label (English)</source>
        <translation>Bezeichnung (englisch)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="50"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="71"/>
        <source>Layer roles</source>
        <translation>Layer-Rollen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="51"/>
        <source>Radius (m)</source>
        <translation>Radius (m)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="58"/>
        <source>Site field</source>
        <translation>Standortfeld</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="52"/>
        <source>Unit (German)</source>
        <translation>Einheit (deutsch)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="53"/>
        <source>Unit (English)</source>
        <translation>Einheit (englisch)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="53"/>
        <source>Score when unknown</source>
        <translation>Punktzahl wenn unbekannt</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="54"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="56"/>
        <source>On</source>
        <translation>An</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="58"/>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="112"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="59"/>
        <source>Only if field</source>
        <translation>Nur wenn Feld</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="60"/>
        <source>… equals</source>
        <translation>… gleich</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="60"/>
        <source>Tolerance (m)</source>
        <translation>Toleranz (m)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="61"/>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="62"/>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="65"/>
        <source>Criteria and curves</source>
        <translation>Kriterien und Kurven</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="67"/>
        <source>Weights</source>
        <translation>Gewichte</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="69"/>
        <source>Knock-outs</source>
        <translation>Ausschlusskriterien</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="101"/>
        <source>Add criterion</source>
        <translation>Kriterium hinzufügen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="101"/>
        <source>Remove criterion</source>
        <translation>Kriterium entfernen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="112"/>
        <source>Score (0–1)</source>
        <translation>Punktzahl (0–1)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="118"/>
        <source>Add point</source>
        <translation>Punkt hinzufügen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="118"/>
        <source>Remove point</source>
        <translation>Punkt entfernen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="133"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="133"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="151"/>
        <source>Curve of “{id}”: score (0–1) at each value, straight lines between, flat beyond the ends</source>
        <translation>Kurve von „{id}“: Punktzahl (0–1) bei jedem Wert, dazwischen geradlinig, jenseits der Enden gleichbleibend</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="254"/>
        <source>Criterion {n}</source>
        <translation>Kriterium {n}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="257"/>
        <source>{entry}: “Id” must not be empty.</source>
        <translation>{entry}: „Kennung“ darf nicht leer sein.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="258"/>
        <source>Criterion {id}</source>
        <translation>Kriterium {id}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="272"/>
        <source>Model {model}: the weight of {id} must be a number, not “{text}”.</source>
        <translation>Modell {model}: Das Gewicht von {id} muss eine Zahl sein, nicht „{text}“.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="279"/>
        <source>Role {n}</source>
        <translation>Rolle {n}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="287"/>
        <source>Knock-out {n}</source>
        <translation>Ausschlusskriterium {n}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="322"/>
        <source>Not applied: {error}</source>
        <translation>Nicht übernommen: {error}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor_tables.py" line="85"/>
        <source>{entry}: “{column}” needs a number.</source>
        <translation>{entry}: „{column}“ braucht eine Zahl.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor_tables.py" line="91"/>
        <source>{entry}: “{column}” must be a number, not “{text}”.</source>
        <translation>{entry}: „{column}“ muss eine Zahl sein, nicht „{text}“.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor_tables.py" line="109"/>
        <source>{entry}: point {n} of the curve needs a value and a score (numbers).</source>
        <translation>{entry}: Punkt {n} der Kurve braucht einen Wert und eine Punktzahl (Zahlen).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="309"/>
        <source>The profile has changes that are not applied. Apply them?</source>
        <translation>Das Profil hat Änderungen, die noch nicht übernommen sind. Jetzt übernehmen?</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="309"/>
        <source>Unapplied changes</source>
        <translation>Nicht übernommene Änderungen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/profile_editor.py" line="309"/>
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
</context>
<context>
    <name>PublishProjectAlgorithm</name>
    <message>
        <location filename="../coworking_plugin/processing/publish_project.py" line="35"/>
        <source>Write the Geoportal project (QGIS Server)</source>
        <translation>Geoportal-Projekt schreiben (QGIS Server)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/publish_project.py" line="58"/>
        <source>libpq service name (pg_service.conf)</source>
        <translation>Name des libpq-Dienstes (pg_service.conf)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/publish_project.py" line="59"/>
        <source>Service title</source>
        <translation>Titel des Dienstes</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/publish_project.py" line="60"/>
        <source>Service description</source>
        <translation>Beschreibung des Dienstes</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/publish_project.py" line="62"/>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/publish_project.py" line="64"/>
        <source>Contact e-mail</source>
        <translation>Kontakt-E-Mail</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/publish_project.py" line="65"/>
        <source>Service address (URL)</source>
        <translation>Adresse des Dienstes (URL)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/publish_project.py" line="67"/>
        <source>Licence of the register&apos;s data</source>
        <translation>Lizenz der Registerdaten</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/publish_project.py" line="69"/>
        <source>QGIS Server project</source>
        <translation>QGIS-Server-Projekt</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/publish_project.py" line="69"/>
        <source>QGIS project (*.qgz *.qgs)</source>
        <translation>QGIS-Projekt (*.qgz *.qgs)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/publish_project.py" line="77"/>
        <source>Enter the name of a libpq service (letters, digits, _ . -), e.g. coworking_geoportal: the server keeps its login in pg_service.conf.</source>
        <translation>Geben Sie den Namen eines libpq-Dienstes ein (Buchstaben, Ziffern, _ . -), z. B. coworking_geoportal: Der Server hält sein Login in der pg_service.conf.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/publish_project.py" line="38"/>
        <source>Writes a QGIS Server project (.qgz or .qgs) that publishes the approved, published sites of coworking.public_site as WMS, WFS and OGC API Features: vacant buildings as points, brownfields as polygons, sensitive sites as their 1 km grid cell, with German names, symbols, labels and field names, the municipality boundaries and the service description with the data licences. The public photos of the published sites (as approved, with their credit) are written as JPEG files into the folder fotos/ beside the project (photos no longer public are removed from it), and the table layer “Fotos” lists them by site with the file name. The layers name the database only by the libpq service (pg_service.conf): on the server that service holds the reader's login; no password is written into the project. The service must also work where this runs, with any login that may read the public view.</source>
        <translation>Schreibt ein QGIS-Server-Projekt (.qgz oder .qgs), das die freigegebenen, veröffentlichten Standorte aus coworking.public_site als WMS, WFS und OGC API Features bereitstellt: Leerstände als Punkte, Brachflächen als Flächen, sensible Standorte als ihre 1-km-Rasterzelle, mit deutschen Namen, Symbolen, Beschriftungen und Feldnamen, den Gemeindegrenzen und der Dienstbeschreibung mit den Datenlizenzen. Die öffentlichen Fotos der veröffentlichten Standorte (in der freigegebenen Fassung, mit Urheberangabe) werden als JPEG-Dateien in den Ordner fotos/ neben dem Projekt geschrieben (nicht mehr öffentliche Fotos werden daraus entfernt), und der Tabellen-Layer „Fotos“ listet sie je Standort mit dem Dateinamen auf. Die Layer nennen die Datenbank nur über den libpq-Dienst (pg_service.conf): Auf dem Server enthält dieser Dienst das Login des Lesezugriffs; kein Passwort wird in das Projekt geschrieben. Der Dienst muss auch dort funktionieren, wo der Algorithmus läuft, mit einem beliebigen Login, das die öffentliche Sicht lesen darf.</translation>
    </message>
    <message numerus="yes">
        <location filename="../coworking_plugin/processing/publish_project.py" line="98"/>
        <source>Geoportal project written to {path} with %n public photo(s) in the folder fotos/; copy it with the file of municipality boundaries and that folder beside it to the server.</source>
        <translation>
            <numerusform>Geoportal-Projekt nach {path} geschrieben, mit %n öffentlichen Foto im Ordner fotos/; kopieren Sie es zusammen mit der Datei der Gemeindegrenzen und diesem Ordner daneben auf den Server.</numerusform>
            <numerusform>Geoportal-Projekt nach {path} geschrieben, mit %n öffentlichen Fotos im Ordner fotos/; kopieren Sie es zusammen mit der Datei der Gemeindegrenzen und diesem Ordner daneben auf den Server.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PullAlgorithm</name>
    <message>
        <location filename="../coworking_plugin/processing/pull.py" line="16"/>
        <source>Pull changes and review decisions</source>
        <translation>Änderungen und Prüfentscheidungen abrufen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/pull.py" line="19"/>
        <source>Updates the working copy from the register: new and changed sites, and the reviewers&apos; decisions (approved, rejected with the reason). Edits you have not pushed yet are kept; a site changed on both sides is listed as a conflict.</source>
        <translation>Aktualisiert die Arbeitskopie aus dem Register: neue und geänderte Standorte sowie die Entscheidungen der Prüfenden (freigegeben, abgelehnt mit Begründung). Noch nicht hochgeladene Änderungen bleiben erhalten; ein auf beiden Seiten geänderter Standort wird als Konflikt aufgeführt.</translation>
    </message>
</context>
<context>
    <name>PushAlgorithm</name>
    <message>
        <location filename="../coworking_plugin/processing/push.py" line="16"/>
        <source>Push edits to the register</source>
        <translation>Änderungen in das Register hochladen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/push.py" line="19"/>
        <source>Sends every new, changed and archived site of the working copy in one transaction: either all of it lands or nothing does. A site that was changed on the server since your checkout is reported as a conflict and never overwritten; sites the server refuses are listed with the server&apos;s message. Resolve conflicts in the Sync panel, then push again. Retrying after a lost connection is safe.</source>
        <translation>Überträgt alle neuen, geänderten und archivierten Standorte der Arbeitskopie in einer Transaktion: Entweder kommt alles an oder nichts. Ein Standort, der seit Ihrem Auschecken auf dem Server geändert wurde, wird als Konflikt gemeldet und nie überschrieben; vom Server abgewiesene Standorte werden mit der Meldung des Servers aufgeführt. Lösen Sie Konflikte im Fenster „Abgleich mit dem Register“ und laden Sie dann erneut hoch. Ein erneuter Versuch nach einem Verbindungsabbruch ist sicher.</translation>
    </message>
</context>
<context>
    <name>RankingDialog</name>
    <message>
        <location filename="../coworking_plugin/gui/suitability_ranking.py" line="85"/>
        <source>Ranking of the sites</source>
        <translation>Rangliste der Standorte</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_ranking.py" line="88"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_ranking.py" line="106"/>
        <source>Compare…</source>
        <translation>Vergleichen…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_ranking.py" line="107"/>
        <source>Select two to four rows to compare the sites side by side.</source>
        <translation>Wählen Sie zwei bis vier Zeilen, um die Standorte nebeneinander zu vergleichen.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_ranking.py" line="111"/>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_ranking.py" line="111"/>
        <source>Export XLSX…</source>
        <translation>XLSX exportieren…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_ranking.py" line="215"/>
        <source>Score the sites in the dock first.</source>
        <translation>Bewerten Sie zuerst die Standorte im Fenster „Standorteignung“.</translation>
    </message>
    <message numerus="yes">
        <location filename="../coworking_plugin/gui/suitability_ranking.py" line="146"/>
        <source>%n site(s) ranked; knocked-out sites have no rank.</source>
        <translation>
            <numerusform>%n Standort in der Rangliste; ausgeschlossene Standorte haben keinen Rang.</numerusform>
            <numerusform>%n Standorte in der Rangliste; ausgeschlossene Standorte haben keinen Rang.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_ranking.py" line="187"/>
        <source>Select two to four sites to compare (selected: {n}).</source>
        <translation>Wählen Sie zwei bis vier Standorte zum Vergleich (ausgewählt: {n}).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_ranking.py" line="194"/>
        <source>CSV for Excel, German (*.csv)</source>
        <translation>CSV für Excel, deutsch (*.csv)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_ranking.py" line="194"/>
        <source>CSV, international (*.csv)</source>
        <translation>CSV, international (*.csv)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_ranking.py" line="203"/>
        <source>Export the ranking</source>
        <translation>Rangliste exportieren</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_ranking.py" line="203"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel-Arbeitsmappe (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_ranking.py" line="209"/>
        <source>Ranking {model}</source>
        <translation>Rangliste {model}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_ranking.py" line="222"/>
        <source>Cannot write {path}: {error}</source>
        <translation>{path} kann nicht geschrieben werden: {error}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_ranking.py" line="225"/>
        <source>Ranking written to {path}.</source>
        <translation>Rangliste in {path} geschrieben.</translation>
    </message>
</context>
<context>
    <name>ReferenceDataAlgorithm</name>
    <message>
        <location filename="../coworking_plugin/processing/base.py" line="90"/>
        <source>Suitability</source>
        <translation>Standorteignung</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/base.py" line="98"/>
        <source>Reference GeoPackage (empty: the one in the plugin settings)</source>
        <translation>Referenz-GeoPackage (leer: das aus den Plugin-Einstellungen)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/base.py" line="98"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
</context>
<context>
    <name>RegisterAdminAlgorithm</name>
    <message>
        <location filename="../coworking_plugin/processing/base.py" line="77"/>
        <source>Register administration</source>
        <translation>Registerverwaltung</translation>
    </message>
</context>
<context>
    <name>RejectDialog</name>
    <message>
        <location filename="../coworking_plugin/gui/review_dialogs.py" line="37"/>
        <source>Reject site</source>
        <translation>Standort ablehnen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dialogs.py" line="40"/>
        <source>Reject “{name}”: tell the municipality what to fix.</source>
        <translation>„{name}“ ablehnen: Sagen Sie der Gemeinde, was zu korrigieren ist.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dialogs.py" line="42"/>
        <source>Standard reason:</source>
        <translation>Standardgrund:</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dialogs.py" line="44"/>
        <source>(none: comment only)</source>
        <translation>(keiner: nur Prüfvermerk)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dialogs.py" line="50"/>
        <source>Comment for the municipality:</source>
        <translation>Prüfvermerk für die Gemeinde:</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dialogs.py" line="52"/>
        <source>What should the municipality fix?</source>
        <translation>Was soll die Gemeinde korrigieren?</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dialogs.py" line="60"/>
        <source>Reject</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dialogs.py" line="124"/>
        <source>Choose a standard reason or write a comment (spaces alone are not a reason).</source>
        <translation>Wählen Sie einen Standardgrund oder schreiben Sie einen Prüfvermerk (Leerzeichen allein sind keine Begründung).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dialogs.py" line="87"/>
        <source>Sending the rejection to the register…</source>
        <translation>Die Zurückweisung wird an das Register gesendet …</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dialogs.py" line="94"/>
        <source>Not rejected: {reason} Your comment is kept.</source>
        <translation>Nicht zurückgewiesen: {reason} Ihr Kommentar bleibt erhalten.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dialogs.py" line="105"/>
        <source>Discard the comment you typed for the municipality?</source>
        <translation>Den Kommentar, den Sie für die Gemeinde geschrieben haben, verwerfen?</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dialogs.py" line="105"/>
        <source>Discard the comment?</source>
        <translation>Kommentar verwerfen?</translation>
    </message>
</context>
<context>
    <name>ReviewDetailPanel</name>
    <message>
        <location filename="../coworking_plugin/gui/review_detail.py" line="48"/>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_detail.py" line="48"/>
        <source>Last approved</source>
        <translation>Zuletzt freigegeben</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_detail.py" line="48"/>
        <source>Proposed</source>
        <translation>Vorgeschlagen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_detail.py" line="93"/>
        <source>{name} ({kind}): change to the version approved as {approved}, {n} fields changed</source>
        <translation>{name} ({kind}): Änderung der als Version {approved} freigegebenen Fassung, {n} Felder geändert</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_detail.py" line="96"/>
        <source>{name} ({kind}): new site, never approved</source>
        <translation>{name} ({kind}): neuer Standort, noch nie freigegeben</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_detail.py" line="98"/>
        <source>Status: {status}, version {version}</source>
        <translation>Status: {status}, Version {version}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_detail.py" line="102"/>
        <source>Reason of the rejection: {reason}</source>
        <translation>Grund der Ablehnung: {reason}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_detail.py" line="82"/>
        <source>public</source>
        <translation>öffentlich</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_detail.py" line="82"/>
        <source>internal</source>
        <translation>intern</translation>
    </message>
</context>
<context>
    <name>ReviewDock</name>
    <message>
        <location filename="../coworking_plugin/gui/review_dock.py" line="58"/>
        <source>Review sites</source>
        <translation>Standorte prüfen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dock.py" line="91"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dock.py" line="170"/>
        <source>Approve</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dock.py" line="254"/>
        <source>Loading sites for review</source>
        <translation>Standorte zur Prüfung werden geladen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dock.py" line="294"/>
        <source>Nothing to review.</source>
        <translation>Nichts zu prüfen.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dock.py" line="94"/>
        <source>Previous page</source>
        <translation>Vorige Seite</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dock.py" line="97"/>
        <source>Next page</source>
        <translation>Nächste Seite</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dock.py" line="124"/>
        <source>Reject…</source>
        <translation>Ablehnen…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dock.py" line="126"/>
        <source>Timeline…</source>
        <translation>Verlauf…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dock.py" line="170"/>
        <source>Approve {n} sites</source>
        <translation>{n} Standorte freigeben</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dock.py" line="241"/>
        <source>Loading the queue…</source>
        <translation>Warteschlange wird geladen…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dock.py" line="280"/>
        <source>Looking for possible duplicates</source>
        <translation>Mögliche Dubletten werden gesucht</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dock.py" line="289"/>
        <source>No sites match.</source>
        <translation>Keine passenden Standorte.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dock.py" line="291"/>
        <source>{first}–{last} of {total}</source>
        <translation>{first}–{last} von {total}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dock.py" line="293"/>
        <source>Read only: your municipality&apos;s submissions.</source>
        <translation>Nur lesend: die Meldungen Ihrer Gemeinde.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dock.py" line="312"/>
        <source>{n} sites selected</source>
        <translation>{n} Standorte ausgewählt</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dock.py" line="317"/>
        <source>Loading {name}…</source>
        <translation>{name} wird geladen…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dock.py" line="319"/>
        <source>Loading a site for review</source>
        <translation>Standort zur Prüfung wird geladen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dock.py" line="128"/>
        <source>Dossier (PDF)…</source>
        <translation>Dossier (PDF)…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dock.py" line="129"/>
        <source>A PDF dossier of the selected sites</source>
        <translation>Ein PDF-Dossier der ausgewählten Standorte</translation>
    </message>
</context>
<context>
    <name>ReviewFilterBar</name>
    <message>
        <location filename="../coworking_plugin/gui/review_filters.py" line="27"/>
        <source>All municipalities</source>
        <translation>Alle Gemeinden</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_filters.py" line="31"/>
        <source>Both kinds</source>
        <translation>Beide Arten</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_filters.py" line="35"/>
        <source>New and changes</source>
        <translation>Neue und Änderungen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_filters.py" line="35"/>
        <source>New sites only</source>
        <translation>Nur neue Standorte</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_filters.py" line="35"/>
        <source>Changes to approved sites only</source>
        <translation>Nur Änderungen freigegebener Standorte</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_filters.py" line="39"/>
        <source>Anyone</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_filters.py" line="42"/>
        <source>any age</source>
        <translation>beliebiges Alter</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_filters.py" line="43"/>
        <source> days or older</source>
        <translation> Tage oder älter</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_filters.py" line="44"/>
        <source>Possible duplicates only</source>
        <translation>Nur mögliche Dubletten</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_filters.py" line="45"/>
        <source>Consent missing only</source>
        <translation>Nur fehlende Einwilligung</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_filters.py" line="47"/>
        <source>Pending</source>
        <translation>Zur Prüfung</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_filters.py" line="47"/>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_filters.py" line="47"/>
        <source>Approved</source>
        <translation>Freigegeben</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_filters.py" line="47"/>
        <source>Pending, rejected, approved</source>
        <translation>Zur Prüfung, abgelehnt, freigegeben</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_filters.py" line="51"/>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_filters.py" line="52"/>
        <source>Municipality:</source>
        <translation>Gemeinde:</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_filters.py" line="52"/>
        <source>Kind:</source>
        <translation>Art:</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_filters.py" line="52"/>
        <source>New/change:</source>
        <translation>Neu/Änderung:</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_filters.py" line="52"/>
        <source>Submitted by:</source>
        <translation>Eingereicht von:</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_filters.py" line="52"/>
        <source>Age:</source>
        <translation>Alter:</translation>
    </message>
</context>
<context>
    <name>ReviewQueueModel</name>
    <message>
        <location filename="../coworking_plugin/gui/review_model.py" line="37"/>
        <source>Site</source>
        <translation>Standort</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_model.py" line="37"/>
        <source>Municipality</source>
        <translation>Gemeinde</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_model.py" line="37"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_model.py" line="37"/>
        <source>New/change</source>
        <translation>Neu/Änderung</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_model.py" line="38"/>
        <source>Submitted by</source>
        <translation>Eingereicht von</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_model.py" line="38"/>
        <source>Submitted</source>
        <translation>Eingereicht</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_model.py" line="38"/>
        <source>Age (days)</source>
        <translation>Alter (Tage)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_model.py" line="38"/>
        <source>Warnings</source>
        <translation>Hinweise</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_model.py" line="39"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_model.py" line="110"/>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message numerus="yes">
        <location filename="../coworking_plugin/gui/review_model.py" line="111"/>
        <source>change (%n field(s))</source>
        <translation>
            <numerusform>Änderung (%n Feld)</numerusform>
            <numerusform>Änderung (%n Felder)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_model.py" line="127"/>
        <source>possible duplicate</source>
        <translation>mögliche Dublette</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_model.py" line="129"/>
        <source>consent missing</source>
        <translation>Einwilligung fehlt</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_model.py" line="134"/>
        <source>Changed since the last approval: {fields}</source>
        <translation>Seit der letzten Freigabe geändert: {fields}</translation>
    </message>
</context>
<context>
    <name>ScoreSitesAlgorithm</name>
    <message>
        <location filename="../coworking_plugin/processing/score_sites.py" line="57"/>
        <source>Score sites for coworking models</source>
        <translation>Standorte für Coworking-Modelle bewerten</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/score_sites.py" line="60"/>
        <source>Suitability</source>
        <translation>Standorteignung</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/score_sites.py" line="90"/>
        <source>Sites</source>
        <translation>Standorte</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/score_sites.py" line="81"/>
        <source>Rail stations</source>
        <translation>Bahnhöfe/Haltepunkte</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/score_sites.py" line="81"/>
        <source>Bus stops</source>
        <translation>Bushaltestellen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/score_sites.py" line="82"/>
        <source>Shops (local supply)</source>
        <translation>Nahversorgung (Lebensmittel)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/score_sites.py" line="82"/>
        <source>Cafés and bakeries</source>
        <translation>Cafés und Bäckereien</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/score_sites.py" line="83"/>
        <source>Doctors and pharmacies</source>
        <translation>Ärzte und Apotheken</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/score_sites.py" line="83"/>
        <source>Primary schools</source>
        <translation>Grundschulen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/score_sites.py" line="84"/>
        <source>Kindergartens</source>
        <translation>Kindertagesstätten</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/score_sites.py" line="84"/>
        <source>Accommodation</source>
        <translation>Beherbergung</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/score_sites.py" line="85"/>
        <source>Landscape areas</source>
        <translation>Landschaftsräume</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/score_sites.py" line="86"/>
        <source>Municipalities (county outline, population)</source>
        <translation>Gemeinden (Kreisgrenze, Einwohner)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/score_sites.py" line="97"/>
        <source>Suitability profile (JSON; empty: the shipped default)</source>
        <translation>Eignungsprofil (JSON; leer: das mitgelieferte Standardprofil)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/score_sites.py" line="101"/>
        <source>Scored sites</source>
        <translation>Bewertete Standorte</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/score_sites.py" line="149"/>
        <source>Cannot read the profile {path}: {error}</source>
        <translation>Das Profil {path} kann nicht gelesen werden: {error}</translation>
    </message>
    <message numerus="yes">
        <location filename="../coworking_plugin/processing/score_sites.py" line="170"/>
        <source>%n site(s) scored, {bad} without geometry.</source>
        <translation>
            <numerusform>%n Standort bewertet, {bad} ohne Geometrie.</numerusform>
            <numerusform>%n Standorte bewertet, {bad} ohne Geometrie.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/score_sites.py" line="66"/>
        <source>Scores every site (points, or polygons at their point on surface) 0..100 for each coworking model of the profile (default: Coworking klassisch, Pendlerhafen, Neue Ortsmitte, Retreat/Workation). Reference layers may be points, lines or polygons in any CRS; distances are straight lines in EPSG:25833. Output fields: s_&lt;model&gt; (score), best_model, best_score, target_groups_served, knockout, unknown_inputs, v_&lt;criterion&gt; (value), p_&lt;criterion&gt; (partial score 0..1) and explanation (JSON per model: criterion, weight, points, value unknown). Sites without geometry are kept with empty scores and reported in the log. Layers for roles of a loaded profile that have no input of their own go into “Further reference layers”, each named after its role (e.g. a layer named “coworking_spaces”). Inputs a site lacks (no layer, no field, no population entry) are listed per site in unknown_inputs and count with the criterion's missing score.</source>
        <translation>Bewertet jeden Standort (Punkte, bzw. Polygone an ihrem Punkt auf der Oberfläche) mit 0..100 für jedes Coworking-Modell des Profils (Standard: Coworking klassisch, Pendlerhafen, Neue Ortsmitte, Retreat/Workation). Referenz-Layer dürfen Punkte, Linien oder Polygone in beliebigem KBS sein; Entfernungen sind Luftlinien in EPSG:25833. Ausgabefelder: s_&lt;model&gt; (Punktwert), best_model, best_score, target_groups_served, knockout, unknown_inputs, v_&lt;criterion&gt; (Wert), p_&lt;criterion&gt; (Teilpunktwert 0..1) und explanation (JSON je Modell: Kriterium, Gewicht, Punkte, Wert unbekannt). Standorte ohne Geometrie bleiben mit leeren Punktwerten erhalten und werden im Protokoll gemeldet. Layer für Rollen eines geladenen Profils, die kein eigenes Eingabefeld haben, kommen unter „Weitere Referenz-Layer“, jeweils nach ihrer Rolle benannt (z. B. ein Layer namens „coworking_spaces“). Eingaben, die einem Standort fehlen (kein Layer, kein Feld, kein Einwohnereintrag), stehen je Standort in unknown_inputs und zählen mit dem Ersatzwert des Kriteriums.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/score_sites.py" line="104"/>
        <source>Further reference layers, each named after a role of the profile</source>
        <translation>Weitere Referenz-Layer, jeweils nach einer Rolle des Profils benannt</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/score_sites.py" line="117"/>
        <source>Further reference layers must be named after a role of the profile. No role is called {names}; the roles are: {roles}.</source>
        <translation>Weitere Referenz-Layer müssen nach einer Rolle des Profils benannt sein. Keine Rolle heißt {names}; die Rollen sind: {roles}.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/score_sites.py" line="123"/>
        <source>Two layers for the role {roles}: give each role one layer.</source>
        <translation>Zwei Layer für die Rolle {roles}: Geben Sie jeder Rolle genau einen Layer.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/score_sites.py" line="128"/>
        <source>No layer for: {roles}. Criteria reading them count with their missing score; each site lists them in unknown_inputs.</source>
        <translation>Kein Layer für: {roles}. Kriterien, die darauf beruhen, zählen mit ihrem Ersatzwert für fehlende Daten; jeder Standort führt sie in unknown_inputs auf.</translation>
    </message>
</context>
<context>
    <name>SuitabilityDock</name>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="53"/>
        <source>Site suitability</source>
        <translation>Standorteignung</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="74"/>
        <source>Layers</source>
        <translation>Layer</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="83"/>
        <source>Sites</source>
        <translation>Standorte</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="96"/>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="102"/>
        <source>Load…</source>
        <translation>Laden…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="102"/>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="102"/>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="120"/>
        <source>Knock-outs:</source>
        <translation>Ausschlusskriterien:</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="126"/>
        <source>Score sites</source>
        <translation>Standorte bewerten</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="144"/>
        <source>Overlays</source>
        <translation>Zusatzlayer</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="146"/>
        <source>Station catchments</source>
        <translation>Bahnhof-Einzugsbereiche</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="146"/>
        <source>Service coverage</source>
        <translation>Versorgungsabdeckung</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="146"/>
        <source>Accommodation reach</source>
        <translation>Erreichbarkeit Beherbergung</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="155"/>
        <source>Suitability grid</source>
        <translation>Eignungsraster</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="161"/>
        <source>Explanation (selected site)</source>
        <translation>Erläuterung (ausgewählter Standort)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_profile.py" line="76"/>
        <source>Curve</source>
        <translation>Kurve</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_profile.py" line="76"/>
        <source>Radius (m)</source>
        <translation>Radius (m)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_profile.py" line="117"/>
        <source>the radius must be positive</source>
        <translation>der Radius muss positiv sein</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_profile.py" line="180"/>
        <source>Load profile</source>
        <translation>Profil laden</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_profile.py" line="196"/>
        <source>Profiles (*.json)</source>
        <translation>Profile (*.json)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_profile.py" line="188"/>
        <source>Cannot load {path}: {error}</source>
        <translation>{path} kann nicht geladen werden: {error}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_profile.py" line="196"/>
        <source>Save profile</source>
        <translation>Profil speichern</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_profile.py" line="203"/>
        <source>Cannot save {path}: {error}</source>
        <translation>{path} kann nicht gespeichert werden: {error}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_profile.py" line="207"/>
        <source>Profile saved to {path}.</source>
        <translation>Profil unter {path} gespeichert.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_profile.py" line="235"/>
        <source>The profile's distances changed: press “Score sites” again.</source>
        <translation>Die Entfernungen des Profils haben sich geändert: Klicken Sie erneut auf „Standorte bewerten“.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_results.py" line="139"/>
        <source>Choose the sites layer first.</source>
        <translation>Wählen Sie zuerst den Standort-Layer.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="241"/>
        <source>Scoring sites for coworking models</source>
        <translation>Standorte werden für Coworking-Modelle bewertet</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="253"/>
        <source>Scoring stopped: {error}</source>
        <translation>Bewertung abgebrochen: {error}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="253"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="263"/>
        <source>Suitability: {name}</source>
        <translation>Standorteignung: {name}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="308"/>
        <source>knocked out</source>
        <translation>ausgeschlossen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="280"/>
        <source>The result layer could not be added to the project.</source>
        <translation>Der Ergebnis-Layer konnte nicht zum Projekt hinzugefügt werden.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="289"/>
        <source>Check the log: {first}</source>
        <translation>Siehe Protokoll: {first}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="307"/>
        <source>The new scores could not be written to the result layer.</source>
        <translation>Die neuen Punktwerte konnten nicht in den Ergebnis-Layer geschrieben werden.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="333"/>
        <source>{site}: {model} {score}</source>
        <translation>{site}: {model} {score}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="336"/>
        <source>knocked out: {rules}</source>
        <translation>ausgeschlossen: {rules}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_results.py" line="40"/>
        <source>The profile has no criterion {id}.</source>
        <translation>Das Profil hat kein Kriterium {id}.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_results.py" line="45"/>
        <source>Assign a layer for “{label}” first.</source>
        <translation>Weisen Sie zuerst einen Layer für „{label}“ zu.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_results.py" line="56"/>
        <source>The grid needs the municipalities layer (county outline).</source>
        <translation>Das Raster braucht den Gemeinde-Layer (Kreisgrenze).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_results.py" line="59"/>
        <source>Suitability grid: {model}</source>
        <translation>Eignungsraster: {model}</translation>
    </message>
    <message numerus="yes">
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="285"/>
        <source>%n site(s) scored.</source>
        <translation>
            <numerusform>%n Standort bewertet.</numerusform>
            <numerusform>%n Standorte bewertet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="287"/>
        <source>%n site(s) without geometry, not scored.</source>
        <translation>
            <numerusform>%n Standort ohne Geometrie wurde nicht bewertet.</numerusform>
            <numerusform>%n Standorte ohne Geometrie wurden nicht bewertet.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="138"/>
        <source>Dossier (PDF)…</source>
        <translation>Dossier (PDF)…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="139"/>
        <source>A PDF of the selected sites with this profile&apos;s scores.</source>
        <translation>Eine PDF-Datei der ausgewählten Standorte mit den Bewertungen dieses Profils.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="86"/>
        <source>Add demo layers</source>
        <translation>Demo-Layer hinzufügen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="87"/>
        <source>Stations and municipalities (real) and a SYNTHETIC sample for the other roles; layers already in the project are used, not added again.</source>
        <translation>Bahnhöfe und Gemeinden (echt) und ein SYNTHETISCHES Beispiel für die übrigen Rollen; Layer, die schon im Projekt sind, werden verwendet und nicht erneut hinzugefügt.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="102"/>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="110"/>
        <source>Weights per model and the curve of each criterion (value:score; …). Changes re-score at once.</source>
        <translation>Gewichte je Modell und die Kurve jedes Kriteriums (Wert:Punktzahl; …). Änderungen werden sofort neu bewertet.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="129"/>
        <source>Ranking…</source>
        <translation>Rangliste…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="130"/>
        <source>The sites ranked per model: sort, compare, export (CSV, XLSX).</source>
        <translation>Die Standorte je Modell in eine Rangfolge gebracht: sortieren, vergleichen, exportieren (CSV, XLSX).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="133"/>
        <source>Save results…</source>
        <translation>Ergebnisse speichern…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_dock.py" line="134"/>
        <source>Scored sites, overlays and profile into a GeoPackage of your choice, with German field names and styles: kept when QGIS closes.</source>
        <translation>Bewertete Standorte, Zusatzlayer und Profil in ein GeoPackage Ihrer Wahl, mit deutschen Feldnamen und Stilen: bleibt erhalten, wenn QGIS geschlossen wird.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_profile.py" line="122"/>
        <source>Not applied: {error}. Weights are numbers ≥ 0; curves are value:score pairs with rising values, e.g. 0:1; 1000:1; 3000:0.4.</source>
        <translation>Nicht übernommen: {error}. Gewichte sind Zahlen ≥ 0; Kurven sind Paare Wert:Punktzahl mit steigenden Werten, z. B. 0:1; 1000:1; 3000:0,4.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_results.py" line="81"/>
        <source>Score the sites first: there are no results to save.</source>
        <translation>Bewerten Sie zuerst die Standorte: Es gibt noch keine Ergebnisse zum Speichern.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_results.py" line="84"/>
        <source>Save results</source>
        <translation>Ergebnisse speichern</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_results.py" line="84"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_results.py" line="95"/>
        <source>The results were not saved: {error}</source>
        <translation>Die Ergebnisse wurden nicht gespeichert: {error}</translation>
    </message>
    <message numerus="yes">
        <location filename="../coworking_plugin/gui/suitability_results.py" line="109"/>
        <source>%n layer(s) and the profile saved to {path}.</source>
        <translation>
            <numerusform>%n Layer und das Profil in {path} gespeichert.</numerusform>
            <numerusform>%n Layer und das Profil in {path} gespeichert.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_results.py" line="122"/>
        <source>The saved layer “{layer}” could not be added to the project.</source>
        <translation>Der gespeicherte Layer „{layer}“ konnte nicht zum Projekt hinzugefügt werden.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_profile.py" line="172"/>
        <source>The weights or curves were changed and are not saved in a profile file. Save them first?</source>
        <translation>Gewichte oder Kurven wurden geändert und sind in keiner Profildatei gespeichert. Zuerst speichern?</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/suitability_profile.py" line="172"/>
        <source>Unsaved profile</source>
        <translation>Ungespeichertes Profil</translation>
    </message>
</context>
<context>
    <name>SuitabilityGridAlgorithm</name>
    <message>
        <location filename="../coworking_plugin/processing/suitability_grid.py" line="38"/>
        <source>Suitability grid (hexagons)</source>
        <translation>Eignungsraster (Sechsecke)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/suitability_grid.py" line="41"/>
        <source>Suitability</source>
        <translation>Standorteignung</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/suitability_grid.py" line="47"/>
        <source>Covers the county (the municipalities layer) with hexagons and scores each centre 0..100 for every model of the profile, from the location criteria only (the site&apos;s own fields are unknown). Fields: s_&lt;model&gt;, best_model. EPSG:25833.</source>
        <translation>Überdeckt den Landkreis (den Gemeinde-Layer) mit Sechsecken und bewertet jeden Mittelpunkt mit 0..100 für jedes Modell des Profils, nur anhand der Lagekriterien (die Felder eines Standorts sind hier unbekannt). Felder: s_&lt;model&gt;, best_model. EPSG:25833.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/suitability_grid.py" line="58"/>
        <source>Suitability profile (JSON; empty: the shipped default)</source>
        <translation>Eignungsprofil (JSON; leer: das mitgelieferte Standardprofil)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/suitability_grid.py" line="62"/>
        <source>Hexagon radius</source>
        <translation>Radius der Sechsecke</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/suitability_grid.py" line="65"/>
        <source>Suitability grid</source>
        <translation>Eignungsraster</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/suitability_grid.py" line="77"/>
        <source>Cannot read the profile {path}: {error}</source>
        <translation>Das Profil {path} kann nicht gelesen werden: {error}</translation>
    </message>
    <message numerus="yes">
        <location filename="../coworking_plugin/processing/suitability_grid.py" line="91"/>
        <source>%n hexagon(s) scored.</source>
        <translation>
            <numerusform>%n Sechseck bewertet.</numerusform>
            <numerusform>%n Sechsecke bewertet.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncAlgorithm</name>
    <message>
        <location filename="../coworking_plugin/processing/sync_algorithm.py" line="26"/>
        <source>Working copy</source>
        <translation>Arbeitskopie</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/sync_algorithm.py" line="32"/>
        <source>Working copy (GeoPackage)</source>
        <translation>Arbeitskopie (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/sync_algorithm.py" line="32"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/sync_algorithm.py" line="37"/>
        <source>Inserted</source>
        <translation>Neu</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/sync_algorithm.py" line="37"/>
        <source>Updated</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/sync_algorithm.py" line="37"/>
        <source>Archived</source>
        <translation>Archiviert</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/sync_algorithm.py" line="38"/>
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/sync_algorithm.py" line="38"/>
        <source>Refused</source>
        <translation>Abgewiesen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/sync_algorithm.py" line="40"/>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/sync_algorithm.py" line="57"/>
        <source>Canceled; nothing was changed.</source>
        <translation>Abgebrochen; nichts wurde geändert.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/sync_algorithm.py" line="60"/>
        <source>Conflict: changed on the server too</source>
        <translation>Konflikt: auch auf dem Server geändert</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/processing/sync_algorithm.py" line="61"/>
        <source>Refused by the server</source>
        <translation>Vom Server abgewiesen</translation>
    </message>
</context>
<context>
    <name>SyncDock</name>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="52"/>
        <source>Sync with the register</source>
        <translation>Abgleich mit dem Register</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="75"/>
        <source>A QGIS PostgreSQL connection, or a connection string such as service=coworking. Passwords belong in the QGIS authentication manager or a service file, never here.</source>
        <translation>Eine PostgreSQL-Verbindung von QGIS oder eine Verbindungszeichenkette wie service=coworking. Passwörter gehören in die Authentifizierungsverwaltung von QGIS oder in eine Service-Datei, niemals hierher.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="78"/>
        <source>Register:</source>
        <translation>Register:</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="81"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="83"/>
        <source>Working copy:</source>
        <translation>Arbeitskopie:</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="87"/>
        <source>Check out</source>
        <translation>Auschecken</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="88"/>
        <source>Create or refresh the working copy with the sites you may see</source>
        <translation>Die Arbeitskopie mit den Standorten, die Sie sehen dürfen, erstellen oder aktualisieren</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="89"/>
        <source>Pull</source>
        <translation>Abrufen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="90"/>
        <source>Bring the register&apos;s changes and the reviewers&apos; decisions</source>
        <translation>Die Änderungen des Registers und die Entscheidungen der Prüfenden abrufen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="91"/>
        <source>Push</source>
        <translation>Hochladen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="92"/>
        <source>Send your new, changed and archived sites in one transaction</source>
        <translation>Ihre neuen, geänderten und archivierten Standorte in einer Transaktion hochladen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="93"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="114"/>
        <source>Needs your attention:</source>
        <translation>Erfordert Ihre Aufmerksamkeit:</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="116"/>
        <source>Site</source>
        <translation>Standort</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="116"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="116"/>
        <source>Server&apos;s message</source>
        <translation>Meldung des Servers</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="123"/>
        <source>Resolve conflict…</source>
        <translation>Konflikt lösen…</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="148"/>
        <source>Choose where your working copy is (or will be) stored.</source>
        <translation>Wählen Sie, wo Ihre Arbeitskopie gespeichert ist (oder werden soll).</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="151"/>
        <source>Conflict: changed on the server too</source>
        <translation>Konflikt: auch auf dem Server geändert</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="152"/>
        <source>Refused by the server</source>
        <translation>Vom Server abgewiesen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="197"/>
        <source>Choose a file for the working copy first.</source>
        <translation>Wählen Sie zuerst eine Datei für die Arbeitskopie.</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="203"/>
        <source>Checking out the working copy</source>
        <translation>Arbeitskopie wird ausgecheckt</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="204"/>
        <source>Pulling changes from the register</source>
        <translation>Änderungen werden aus dem Register abgerufen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="205"/>
        <source>Pushing edits to the register</source>
        <translation>Änderungen werden in das Register hochgeladen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="251"/>
        <source>Canceled; nothing was changed.</source>
        <translation>Abgebrochen; nichts wurde geändert.</translation>
    </message>
    <message numerus="yes">
        <location filename="../coworking_plugin/gui/sync_dock.py" line="148"/>
        <source>%n site(s) with edits not pushed yet.</source>
        <translation>
            <numerusform>%n Standort mit noch nicht hochgeladenen Änderungen.</numerusform>
            <numerusform>%n Standorte mit noch nicht hochgeladenen Änderungen.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="153"/>
        <source>Rejected by the county: change it and push again</source>
        <translation>Vom Landkreis abgelehnt: ändern und erneut hochladen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="302"/>
        <source>Discard my local change</source>
        <translation>Meine lokale Änderung verwerfen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="126"/>
        <source>Put the selected site back as the register had it at your last checkout, pull or push (a new site that was never pushed is removed)</source>
        <translation>Den ausgewählten Standort so wiederherstellen, wie ihn das Register beim letzten Auschecken, Abrufen oder Hochladen hatte (ein nie hochgeladener neuer Standort wird entfernt)</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="274"/>
        <source>Unsaved edits</source>
        <translation>Nicht gespeicherte Änderungen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="274"/>
        <source>The layers {layers} have edits that are not saved yet; the push would leave them out. Save them now and push?</source>
        <translation>Die Layer {layers} haben noch nicht gespeicherte Änderungen; das Hochladen würde sie auslassen. Jetzt speichern und hochladen?</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="288"/>
        <source>The edits of “{layer}” could not be saved, nothing was pushed: {errors}</source>
        <translation>Die Änderungen von „{layer}“ konnten nicht gespeichert werden, nichts wurde hochgeladen: {errors}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/sync_dock.py" line="302"/>
        <source>Discard your change of “{name}”? The site goes back to the register's version of your last checkout, pull or push.</source>
        <translation>Ihre Änderung an „{name}“ verwerfen? Der Standort wird wieder so, wie ihn das Register beim letzten Auschecken, Abrufen oder Hochladen hatte.</translation>
    </message>
</context>
<context>
    <name>TimelineDialog</name>
    <message>
        <location filename="../coworking_plugin/gui/review_dialogs.py" line="133"/>
        <source>Timeline: {name}</source>
        <translation>Verlauf: {name}</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dialogs.py" line="137"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dialogs.py" line="137"/>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dialogs.py" line="137"/>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dialogs.py" line="137"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dialogs.py" line="137"/>
        <source>Changes</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <location filename="../coworking_plugin/gui/review_dialogs.py" line="137"/>
        <source>Comment</source>
        <translation>Prüfvermerk</translation>
    </message>
</context>
<context>
    <name>algorithm</name>
    <message>
        <location filename="../coworking_plugin/processing/load_osm.py" line="25"/>
        <source>Cannot read the profile {path}: {error}</source>
        <translation>Das Profil {path} kann nicht gelesen werden: {error}</translation>
    </message>
</context>
</TS>
