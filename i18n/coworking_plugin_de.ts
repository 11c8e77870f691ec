<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>@default</name>
    <message>
        <location filename="../coworking_plugin/core/connection.py" line="34"/>
        <source>No database connection is set. Choose a QGIS PostgreSQL connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/connection.py" line="45"/>
        <source>There is no QGIS PostgreSQL connection named “{name}”. Create it in the Data Source Manager or enter a connection string such as service=… or host=… dbname=….</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../coworking_plugin/core/connection.py" line="71"/>
        <source>Could not connect to the database: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CoworkingProvider</name>
    <message>
        <location filename="../coworking_plugin/processing/provider.py" line="22"/>
        <source>Coworking Leerstandsmelder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
