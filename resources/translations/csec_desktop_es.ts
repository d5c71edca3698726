<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>AppController</name>
    <message>
        <source>This vault is damaged</source>
        <translation>Esta bóveda está dañada</translation>
    </message>
    <message>
        <source>Part of this laptop&apos;s vault database is damaged ({summary}). Nothing will be sent to the county server from it, and nothing was deleted. Save what you are working on and contact county IT.</source>
        <translation>Una parte de la base de datos de la bóveda de esta computadora está dañada ({summary}). No se enviará nada de ella al servidor del condado y no se eliminó nada. Guarde lo que está haciendo y comuníquese con el departamento de TI del condado.</translation>
    </message>
</context>
<context>
    <name>AssignmentDialog</name>
    <message>
        <source>Cover a caseload</source>
        <translation>Cubrir una carga de casos</translation>
    </message>
    <message>
        <source>Close cases</source>
        <translation>Cerrar casos</translation>
    </message>
    <message>
        <source>Reassign</source>
        <translation>Reasignar</translation>
    </message>
    <message>
        <source>Close the cases of the youth you choose from %1&apos;s caseload: they leave the laptops after the county&apos;s retention period.</source>
        <translation>Cerrar los casos de los jóvenes que elija de la carga de casos de %1: salen de las computadoras portátiles tras el período de conservación del condado.</translation>
    </message>
    <message>
        <source>Another caseworker covers %1&apos;s youth until the day you choose.</source>
        <translation>Otro trabajador o trabajadora social cubre a los jóvenes de %1 hasta el día que elija.</translation>
    </message>
    <message>
        <source>%1&apos;s youth move to another caseworker for good.</source>
        <translation>Los jóvenes de %1 pasan a otro trabajador o trabajadora social de forma definitiva.</translation>
    </message>
    <message>
        <source>Sent at the next sync.</source>
        <translation>Se envía en la próxima sincronización.</translation>
    </message>
    <message>
        <source>The &amp;whole caseload</source>
        <translation>Toda la carga de &amp;casos</translation>
    </message>
    <message>
        <source>Youth of %1&apos;s caseload, by id: check the ones to include</source>
        <translation>Jóvenes de la carga de casos de %1, por identificador: marque los que se incluyen</translation>
    </message>
    <message>
        <source>&amp;Youth:</source>
        <translation>&amp;Jóvenes:</translation>
    </message>
    <message>
        <source>The caseworker who takes them</source>
        <translation>Quien los recibe</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;A:</translation>
    </message>
    <message>
        <source>Coverage ends on</source>
        <translation>La cobertura termina el</translation>
    </message>
    <message>
        <source>&amp;Until:</source>
        <translation>&amp;Hasta:</translation>
    </message>
    <message>
        <source>Reason (never a youth&apos;s name)</source>
        <translation>Motivo (nunca el nombre de un joven)</translation>
    </message>
    <message>
        <source>For example: leave, caseload balance</source>
        <translation>Por ejemplo: licencia, equilibrio de cargas</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motivo:</translation>
    </message>
    <message>
        <source>&amp;Cover</source>
        <translation>&amp;Cubrir</translation>
    </message>
    <message>
        <source>C&amp;lose cases</source>
        <translation>C&amp;errar casos</translation>
    </message>
    <message>
        <source>&amp;Reassign</source>
        <translation>&amp;Reasignar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Check at least one youth, or choose the whole caseload.</source>
        <translation>Marque al menos un joven, o elija toda la carga de casos.</translation>
    </message>
</context>
<context>
    <name>AttentionModel</name>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>Conflict: changed here and on the server</source>
        <translation>Conflicto: cambiado aquí y en el servidor</translation>
    </message>
    <message>
        <source>Not accepted by the server</source>
        <translation>No aceptado por el servidor</translation>
    </message>
</context>
<context>
    <name>ChartAndTable</name>
    <message>
        <source>%1 as a table</source>
        <translation>%1 en tabla</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Gráfico</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabla</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <source>hidden (fewer than 11)</source>
        <translation>oculto (menos de 11)</translation>
    </message>
</context>
<context>
    <name>ComingSoonPage</name>
    <message>
        <source>Coming soon — not available in this version yet.</source>
        <translation>Próximamente: todavía no está disponible en esta versión.</translation>
    </message>
    <message>
        <source>Not available yet</source>
        <translation>Todavía no disponible</translation>
    </message>
    <message>
        <source>What this section will do</source>
        <translation>Qué hará esta sección</translation>
    </message>
</context>
<context>
    <name>CountyReportPdf</name>
    <message>
        <source>1-10 (hidden)</source>
        <translation>1-10 (oculto)</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>Menores</translation>
    </message>
    <message>
        <source>CSEC Program report</source>
        <translation>Informe del Programa CSEC</translation>
    </message>
    <message>
        <source>County: %1 · Period: %2 to %3 · As of %4</source>
        <translation>Condado: %1 · Período: %2 a %3 · Al %4</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>(sin definir)</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>oculto</translation>
    </message>
    <message>
        <source>Counts from 1 to 10 are hidden because this report leaves the county. Zero is shown. Where a hidden count could be worked out from a total, another count is hidden too.</source>
        <translation>Los conteos de 1 a 10 se ocultan porque este informe sale del condado. El cero se muestra. Donde un conteo oculto podría deducirse de un total, también se oculta otro conteo.</translation>
    </message>
    <message>
        <source>Children screened or identified</source>
        <translation>Menores evaluados o identificados</translation>
    </message>
    <message>
        <source>Identified victims (children)</source>
        <translation>Víctimas identificadas (menores)</translation>
    </message>
    <message>
        <source>Children newly identified in the period</source>
        <translation>Menores identificados por primera vez en el período</translation>
    </message>
    <message>
        <source>Of those, children identified more than once</source>
        <translation>De ellos, menores identificados más de una vez</translation>
    </message>
    <message>
        <source>Children eligible under W&amp;IC 300(b)(2)</source>
        <translation>Menores que cumplen el artículo 300(b)(2) del W&amp;IC</translation>
    </message>
    <message>
        <source>Children screened</source>
        <translation>Menores evaluados</translation>
    </message>
    <message>
        <source>Screenings</source>
        <translation>Evaluaciones</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Cifra</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <source>W&amp;IC 16501.45 categories</source>
        <translation>Categorías del W&amp;IC 16501.45</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Risk levels</source>
        <translation>Niveles de riesgo</translation>
    </message>
    <message>
        <source>Children by category</source>
        <translation>Menores por categoría</translation>
    </message>
    <message>
        <source>Children screened, by risk level</source>
        <translation>Menores evaluados, por nivel de riesgo</translation>
    </message>
    <message>
        <source>Risk level</source>
        <translation>Nivel de riesgo</translation>
    </message>
    <message>
        <source>Dependents and wards</source>
        <translation>Dependientes y tutelados</translation>
    </message>
    <message>
        <source>Jurisdiction</source>
        <translation>Jurisdicción</translation>
    </message>
    <message>
        <source>Identified victims</source>
        <translation>Víctimas identificadas</translation>
    </message>
    <message>
        <source>Labor trafficking</source>
        <translation>Trata laboral</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <source>Follow-up obligations due in the period</source>
        <translation>Obligaciones de seguimiento con vencimiento en el período</translation>
    </message>
    <message>
        <source>Obligations met on time and late</source>
        <translation>Obligaciones cumplidas a tiempo y con retraso</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>A tiempo</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>Con retraso</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Vencidas</translation>
    </message>
    <message>
        <source>Obligation</source>
        <translation>Obligación</translation>
    </message>
    <message>
        <source>Open, overdue</source>
        <translation>Pendientes, vencidas</translation>
    </message>
    <message>
        <source>Open, not due</source>
        <translation>Pendientes, sin vencer</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>Educación</translation>
    </message>
    <message>
        <source>Youth risk-education sessions</source>
        <translation>Sesiones de educación sobre riesgos para jóvenes</translation>
    </message>
    <message>
        <source>Youth reached</source>
        <translation>Jóvenes alcanzados</translation>
    </message>
    <message>
        <source>Named youth reached</source>
        <translation>Jóvenes identificados alcanzados</translation>
    </message>
    <message>
        <source>Anonymous attendees</source>
        <translation>Asistentes anónimos</translation>
    </message>
    <message>
        <source>Caregiver and staff trainings</source>
        <translation>Capacitaciones para cuidadores y personal</translation>
    </message>
    <message>
        <source>People trained by audience</source>
        <translation>Personas capacitadas por público</translation>
    </message>
    <message>
        <source>People trained</source>
        <translation>Personas capacitadas</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>Público</translation>
    </message>
    <message>
        <source>Trainings</source>
        <translation>Capacitaciones</translation>
    </message>
    <message>
        <source>Each child counts once, in the category of their latest identification in the period (else of their latest screening). Labor trafficking is counted apart. Screenings count once per screening and its addenda, in the period of the first one. Deadlines run from when the agency received the information. Youth reached counts each named youth once plus anonymous attendees.</source>
        <translation>Cada menor se cuenta una vez, en la categoría de su identificación más reciente del período (si no, la de su evaluación más reciente). La trata laboral se cuenta aparte. Las evaluaciones se cuentan una vez por evaluación y sus adendas, en el período de la primera. Los plazos corren desde que la agencia recibió la información. Los jóvenes alcanzados cuentan cada joven con nombre una vez, más los asistentes anónimos.</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Team dashboard</source>
        <translation>Panel del equipo</translation>
    </message>
    <message>
        <source>Dashboard status</source>
        <translation>Estado del panel</translation>
    </message>
    <message>
        <source>Save team &amp;report…</source>
        <translation>Guardar &amp;informe del equipo…</translation>
    </message>
    <message>
        <source>Open obligations</source>
        <translation>Obligaciones pendientes</translation>
    </message>
    <message>
        <source>Awaiting review</source>
        <translation>En espera de revisión</translation>
    </message>
    <message>
        <source>CSEC categories per month</source>
        <translation>Categorías CSEC por mes</translation>
    </message>
    <message>
        <source>Risk levels per month</source>
        <translation>Niveles de riesgo por mes</translation>
    </message>
    <message>
        <source>Education sessions per month</source>
        <translation>Sesiones educativas por mes</translation>
    </message>
    <message>
        <source>Youth reached per month</source>
        <translation>Jóvenes alcanzados por mes</translation>
    </message>
    <message>
        <source>Open obligations of the team, earliest due first</source>
        <translation>Obligaciones pendientes del equipo, primero las que vencen antes</translation>
    </message>
    <message>
        <source>Open obligations of the team</source>
        <translation>Obligaciones pendientes del equipo</translation>
    </message>
    <message>
        <source>Sync to fetch your team&apos;s figures.</source>
        <translation>Sincronice para obtener las cifras de su equipo.</translation>
    </message>
    <message>
        <source>Figures as of %1</source>
        <translation>Cifras al %1</translation>
    </message>
    <message>
        <source>Fetching the team&apos;s figures…</source>
        <translation>Obteniendo las cifras del equipo…</translation>
    </message>
    <message>
        <source>Save team report</source>
        <translation>Guardar informe del equipo</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Guardado: %1</translation>
    </message>
</context>
<context>
    <name>Dates</name>
    <message>
        <source>MMM d, yyyy</source>
        <translation>d MMM yyyy</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n día</numerusform>
            <numerusform>%n días</numerusform>
        </translation>
    </message>
    <message>
        <source>1 day %1 h</source>
        <translation>1 día %1 h</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>Overdue by %1</source>
        <translation>Vencida hace %1</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>quedan %1</translation>
    </message>
    <message>
        <source>MMM d, yyyy h:mm AP</source>
        <translation>d MMM yyyy H:mm</translation>
    </message>
</context>
<context>
    <name>DebriefDialog</name>
    <message>
        <source>Return debrief</source>
        <translation>Entrevista al regresar</translation>
    </message>
    <message>
        <source>When the debrief took place</source>
        <translation>Cuándo fue la entrevista</translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation>&amp;Cuándo:</translation>
    </message>
    <message>
        <source>Why the youth left (all that apply)</source>
        <translation>Por qué se fue el o la joven (todas las que correspondan)</translation>
    </message>
    <message>
        <source>Where the youth was (all that apply)</source>
        <translation>Dónde estuvo el o la joven (todas las que correspondan)</translation>
    </message>
    <message>
        <source>Was the youth exploited while away? *</source>
        <translation>¿Fue explotado o explotada durante la ausencia? *</translation>
    </message>
    <message>
        <source>Was the youth exploited while away</source>
        <translation>Si fue explotado o explotada durante la ausencia</translation>
    </message>
    <message>
        <source>Exploited while away: %1</source>
        <translation>Explotación durante la ausencia: %1</translation>
    </message>
    <message>
        <source>Debrief notes</source>
        <translation>Notas de la entrevista</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Notas:</translation>
    </message>
    <message>
        <source>&amp;Save debrief</source>
        <translation>&amp;Guardar entrevista</translation>
    </message>
    <message>
        <source>Say whether the youth was exploited while away.</source>
        <translation>Indique si el o la joven fue explotado o explotada durante la ausencia.</translation>
    </message>
</context>
<context>
    <name>EducationLabels</name>
    <message>
        <source>Foster youth</source>
        <translation>Jóvenes en cuidado de crianza</translation>
    </message>
    <message>
        <source>Probation youth</source>
        <translation>Jóvenes en libertad condicional</translation>
    </message>
    <message>
        <source>Group home youth</source>
        <translation>Jóvenes de hogar grupal</translation>
    </message>
    <message>
        <source>Community youth</source>
        <translation>Jóvenes de la comunidad</translation>
    </message>
    <message>
        <source>Mixed audience</source>
        <translation>Público mixto</translation>
    </message>
    <message>
        <source>Group home</source>
        <translation>Hogar grupal</translation>
    </message>
    <message>
        <source>Foster home</source>
        <translation>Hogar de crianza</translation>
    </message>
    <message>
        <source>Juvenile hall</source>
        <translation>Centro de detención juvenil</translation>
    </message>
    <message>
        <source>School</source>
        <translation>Escuela</translation>
    </message>
    <message>
        <source>County office</source>
        <translation>Oficina del condado</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Comunidad</translation>
    </message>
    <message>
        <source>Virtual</source>
        <translation>Virtual</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>CSEC 101: identification and awareness</source>
        <translation>CSEC 101: identificación y concientización</translation>
    </message>
    <message>
        <source>CSEC 102: engagement skills</source>
        <translation>CSEC 102: habilidades de acercamiento</translation>
    </message>
    <message>
        <source>Other training</source>
        <translation>Otra capacitación</translation>
    </message>
    <message>
        <source>CSEC 101 training</source>
        <translation>Capacitación CSEC 101</translation>
    </message>
    <message>
        <source>CSEC 102 training</source>
        <translation>Capacitación CSEC 102</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Capacitación</translation>
    </message>
    <message>
        <source>Foster parents and caregivers</source>
        <translation>Padres de crianza y cuidadores</translation>
    </message>
    <message>
        <source>Group home staff</source>
        <translation>Personal de hogar grupal</translation>
    </message>
    <message>
        <source>Social workers</source>
        <translation>Trabajadores sociales</translation>
    </message>
    <message>
        <source>Probation staff</source>
        <translation>Personal de libertad condicional</translation>
    </message>
</context>
<context>
    <name>EducationPage</name>
    <message>
        <source>Education</source>
        <translation>Educación</translation>
    </message>
    <message>
        <source>Youth risk-education sessions and caregiver or staff trainings you delivered. Open one to correct it.</source>
        <translation>Sesiones de educación sobre riesgos para jóvenes y capacitaciones para cuidadores o personal que usted impartió. Abra una para corregirla.</translation>
    </message>
    <message>
        <source>Log &amp;session…</source>
        <translation>Registrar &amp;sesión…</translation>
    </message>
    <message>
        <source>Log a youth education session</source>
        <translation>Registrar una sesión educativa para jóvenes</translation>
    </message>
    <message>
        <source>Log t&amp;raining…</source>
        <translation>Registrar capa&amp;citación…</translation>
    </message>
    <message>
        <source>Log a caregiver or staff training</source>
        <translation>Registrar una capacitación para cuidadores o personal</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Abrir…</translation>
    </message>
    <message>
        <source>Open the selected entry</source>
        <translation>Abrir la entrada seleccionada</translation>
    </message>
    <message>
        <source>&amp;Void session…</source>
        <translation>&amp;Anular sesión…</translation>
    </message>
    <message>
        <source>Void a session logged by mistake</source>
        <translation>Anular una sesión registrada por error</translation>
    </message>
    <message>
        <source>Sessions and trainings</source>
        <translation>Sesiones y capacitaciones</translation>
    </message>
    <message>
        <source>Column headings</source>
        <translation>Encabezados de columna</translation>
    </message>
    <message>
        <source>Education status</source>
        <translation>Estado de educación</translation>
    </message>
    <message numerus="yes">
        <source>%n youth session(s)</source>
        <translation>
            <numerusform>%n sesión con jóvenes</numerusform>
            <numerusform>%n sesiones con jóvenes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n training(s)</source>
        <translation>
            <numerusform>%n capacitación</numerusform>
            <numerusform>%n capacitaciones</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing logged yet. Log a youth session or a caregiver or staff training.</source>
        <translation>Aún no hay nada registrado. Registre una sesión con jóvenes o una capacitación para cuidadores o personal.</translation>
    </message>
    <message>
        <source>Void session</source>
        <translation>Anular sesión</translation>
    </message>
    <message>
        <source>Void this session only if it was logged by mistake (twice, or for the wrong youth). It stays listed, marked voided, with your reason, and counts in no report.</source>
        <translation>Anule esta sesión solo si se registró por error (dos veces, o para el o la joven equivocado). Sigue en la lista, marcada como anulada, con su motivo, y no cuenta en ningún informe.</translation>
    </message>
    <message>
        <source>Why the session is voided</source>
        <translation>Por qué se anula la sesión</translation>
    </message>
    <message>
        <source>&amp;Void session</source>
        <translation>&amp;Anular sesión</translation>
    </message>
    <message>
        <source>Write why this session is voided.</source>
        <translation>Escriba por qué se anula esta sesión.</translation>
    </message>
    <message>
        <source>Session voided.</source>
        <translation>Sesión anulada.</translation>
    </message>
</context>
<context>
    <name>EducationSessionEditorForm</name>
    <message>
        <source>Education session</source>
        <translation>Sesión educativa</translation>
    </message>
    <message>
        <source>Session &amp;date *</source>
        <translation>&amp;Fecha de la sesión *</translation>
    </message>
    <message>
        <source>Session date (required)</source>
        <translation>Fecha de la sesión (obligatoria)</translation>
    </message>
    <message>
        <source>MM/dd/yyyy</source>
        <translation>MM/dd/yyyy</translation>
    </message>
    <message>
        <source>&amp;Minutes *</source>
        <translation>&amp;Minutos *</translation>
    </message>
    <message>
        <source>Length in minutes (required)</source>
        <translation>Duración en minutos (obligatoria)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>&amp;Curriculum *</source>
        <translation>&amp;Currículo *</translation>
    </message>
    <message>
        <source>Curriculum (required)</source>
        <translation>Currículo (obligatorio)</translation>
    </message>
    <message>
        <source>e.g. My Life My Choice</source>
        <translation>p. ej. My Life My Choice</translation>
    </message>
    <message>
        <source>Mod&amp;ule</source>
        <translation>Mód&amp;ulo</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>Módulo</translation>
    </message>
    <message>
        <source>Aud&amp;ience *</source>
        <translation>Pú&amp;blico *</translation>
    </message>
    <message>
        <source>Audience (required)</source>
        <translation>Público (obligatorio)</translation>
    </message>
    <message>
        <source>Choose who attended</source>
        <translation>Elija quién asistió</translation>
    </message>
    <message>
        <source>Se&amp;tting *</source>
        <translation>&amp;Lugar *</translation>
    </message>
    <message>
        <source>Setting (required)</source>
        <translation>Lugar (obligatorio)</translation>
    </message>
    <message>
        <source>Choose where it took place</source>
        <translation>Elija dónde se realizó</translation>
    </message>
    <message>
        <source>&amp;Facilitators *</source>
        <translation>Facili&amp;tadores *</translation>
    </message>
    <message>
        <source>Facilitators (required), separated by commas</source>
        <translation>Facilitadores (obligatorio), separados por comas</translation>
    </message>
    <message>
        <source>Names, separated by commas</source>
        <translation>Nombres, separados por comas</translation>
    </message>
    <message>
        <source>T&amp;opics</source>
        <translation>T&amp;emas</translation>
    </message>
    <message>
        <source>Topics, separated by commas</source>
        <translation>Temas, separados por comas</translation>
    </message>
    <message>
        <source>e.g. recruitment tactics, healthy relationships</source>
        <translation>p. ej. tácticas de captación, relaciones sanas</translation>
    </message>
    <message>
        <source>Attendees * (youth from this vault and/or an anonymous count)</source>
        <translation>Asistentes * (jóvenes de esta bóveda y/o un número anónimo)</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>Asistentes</translation>
    </message>
    <message>
        <source>Find &amp;youth</source>
        <translation>Buscar &amp;joven</translation>
    </message>
    <message>
        <source>Find a youth to add</source>
        <translation>Buscar un joven para agregar</translation>
    </message>
    <message>
        <source>Name, date of birth or client ID</source>
        <translation>Nombre, fecha de nacimiento o ID de cliente</translation>
    </message>
    <message>
        <source>Youth attending</source>
        <translation>Jóvenes que asisten</translation>
    </message>
    <message>
        <source>Youth found</source>
        <translation>Jóvenes encontrados</translation>
    </message>
    <message>
        <source>&amp;Add attendee</source>
        <translation>&amp;Agregar asistente</translation>
    </message>
    <message>
        <source>Add attendee</source>
        <translation>Agregar asistente</translation>
    </message>
    <message>
        <source>&amp;Remove attendee</source>
        <translation>&amp;Quitar asistente</translation>
    </message>
    <message>
        <source>Remove attendee</source>
        <translation>Quitar asistente</translation>
    </message>
    <message>
        <source>A&amp;nonymous attendees (not named here)</source>
        <translation>Asistentes a&amp;nónimos (sin nombre aquí)</translation>
    </message>
    <message>
        <source>Number of anonymous attendees</source>
        <translation>Número de asistentes anónimos</translation>
    </message>
    <message>
        <source>Not&amp;es</source>
        <translation>N&amp;otas</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Problems to correct</source>
        <translation>Problemas por corregir</translation>
    </message>
</context>
<context>
    <name>EducationTableModel</name>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Curriculum or title</source>
        <translation>Currículo o título</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>Público</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personas</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minutos</translation>
    </message>
    <message>
        <source>Youth session (voided)</source>
        <translation>Sesión con jóvenes (anulada)</translation>
    </message>
    <message>
        <source>Youth session</source>
        <translation>Sesión con jóvenes</translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <source>Enroll with the county server</source>
        <translation>Inscribir en el servidor del condado</translation>
    </message>
    <message>
        <source>Enrolled, this laptop sends your records to the county server whenever it can reach it and receives your supervisor&apos;s reviews. Your records stay on this laptop too. County IT gives you the one-time code.</source>
        <translation>Inscrita, esta computadora envía sus registros al servidor del condado cada vez que puede conectarse y recibe las revisiones de su supervisor. Sus registros también quedan en esta computadora. El departamento de TI del condado le da el código de un solo uso.</translation>
    </message>
    <message>
        <source>County server address</source>
        <translation>Dirección del servidor del condado</translation>
    </message>
    <message>
        <source>Set by your county (machine configuration)</source>
        <translation>Establecido por su condado (configuración del equipo)</translation>
    </message>
    <message>
        <source>One-time enrollment code</source>
        <translation>Código de inscripción de un solo uso</translation>
    </message>
    <message>
        <source>Server &amp;address</source>
        <translation>&amp;Dirección del servidor</translation>
    </message>
    <message>
        <source>Enrollment c&amp;ode</source>
        <translation>Có&amp;digo de inscripción</translation>
    </message>
    <message>
        <source>&amp;Enroll</source>
        <translation>&amp;Inscribir</translation>
    </message>
    <message>
        <source>Enroll</source>
        <translation>Inscribir</translation>
    </message>
</context>
<context>
    <name>EpisodeLabels</name>
    <message>
        <source>Conflict in the placement</source>
        <translation>Conflicto en la colocación</translation>
    </message>
    <message>
        <source>To be with family</source>
        <translation>Para estar con la familia</translation>
    </message>
    <message>
        <source>To be with friends or a partner</source>
        <translation>Para estar con amistades o una pareja</translation>
    </message>
    <message>
        <source>Recruited or lured away</source>
        <translation>Reclutado o atraído por alguien</translation>
    </message>
    <message>
        <source>Alcohol or drugs</source>
        <translation>Alcohol o drogas</translation>
    </message>
    <message>
        <source>Felt unsafe</source>
        <translation>No se sentía seguro o segura</translation>
    </message>
    <message>
        <source>Another reason</source>
        <translation>Otro motivo</translation>
    </message>
    <message>
        <source>Not known</source>
        <translation>No se sabe</translation>
    </message>
    <message>
        <source>The youth chose not to say</source>
        <translation>El o la joven prefirió no decirlo</translation>
    </message>
    <message>
        <source>With family</source>
        <translation>Con la familia</translation>
    </message>
    <message>
        <source>With friends</source>
        <translation>Con amistades</translation>
    </message>
    <message>
        <source>With a partner</source>
        <translation>Con una pareja</translation>
    </message>
    <message>
        <source>With an adult the agency does not know</source>
        <translation>Con un adulto que la agencia no conoce</translation>
    </message>
    <message>
        <source>On the street or in a shelter</source>
        <translation>En la calle o en un albergue</translation>
    </message>
    <message>
        <source>In a hotel or motel</source>
        <translation>En un hotel o motel</translation>
    </message>
    <message>
        <source>Outside the county</source>
        <translation>Fuera del condado</translation>
    </message>
    <message>
        <source>Somewhere else</source>
        <translation>En otro lugar</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>The youth chose not to answer</source>
        <translation>El o la joven prefirió no responder</translation>
    </message>
</context>
<context>
    <name>EpisodeTimeDialog</name>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>EpisodeTimeForm</name>
    <message>
        <source>Missing from care</source>
        <translation>Ausente del cuidado</translation>
    </message>
    <message>
        <source>What to record</source>
        <translation>Qué registrar</translation>
    </message>
    <message>
        <source>&amp;When *</source>
        <translation>&amp;Cuándo *</translation>
    </message>
    <message>
        <source>Date and time (required)</source>
        <translation>Fecha y hora (obligatoria)</translation>
    </message>
    <message>
        <source>MM/dd/yyyy HH:mm</source>
        <translation>MM/dd/yyyy HH:mm</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
</context>
<context>
    <name>FieldMessages</name>
    <message>
        <source>The date of birth is in the future.</source>
        <translation>La fecha de nacimiento está en el futuro.</translation>
    </message>
    <message numerus="yes">
        <source>The date of birth is more than %n years ago.</source>
        <translation>
            <numerusform>La fecha de nacimiento es de hace más de %n año.</numerusform>
            <numerusform>La fecha de nacimiento es de hace más de %n años.</numerusform>
        </translation>
    </message>
    <message>
        <source>This is not a California county.</source>
        <translation>No es un condado de California.</translation>
    </message>
    <message>
        <source>The youth entered care before the date of birth.</source>
        <translation>La fecha de ingreso al cuidado es anterior a la fecha de nacimiento.</translation>
    </message>
    <message>
        <source>The date is in the future.</source>
        <translation>La fecha está en el futuro.</translation>
    </message>
    <message>
        <source>A youth is listed twice among the attendees.</source>
        <translation>Un joven aparece dos veces entre los asistentes.</translation>
    </message>
    <message>
        <source>Add at least one attendee: a youth from the list or a number of other attendees.</source>
        <translation>Agregue al menos un asistente: un joven de la lista o un número de otros asistentes.</translation>
    </message>
    <message>
        <source>A training of the type Other needs a title.</source>
        <translation>Una capacitación del tipo Otra necesita un título.</translation>
    </message>
    <message>
        <source>The end is before the start.</source>
        <translation>El final es anterior al inicio.</translation>
    </message>
    <message>
        <source>Write a comment saying what needs to change.</source>
        <translation>Escriba un comentario que diga qué hay que cambiar.</translation>
    </message>
    <message>
        <source>Say which law-enforcement agency received the report.</source>
        <translation>Indique qué agencia del orden público recibió el reporte.</translation>
    </message>
    <message>
        <source>This is before the youth went missing.</source>
        <translation>Es anterior a la desaparición del joven.</translation>
    </message>
    <message>
        <source>This time is in the future.</source>
        <translation>Esta hora está en el futuro.</translation>
    </message>
    <message>
        <source>This time has no time zone.</source>
        <translation>Esta hora no tiene zona horaria.</translation>
    </message>
    <message>
        <source>This missing episode belongs to another youth.</source>
        <translation>Este episodio de desaparición es de otro joven.</translation>
    </message>
    <message>
        <source>This is before the youth&apos;s date of birth.</source>
        <translation>Es anterior a la fecha de nacimiento del o de la joven.</translation>
    </message>
    <message>
        <source>This identification is already voided.</source>
        <translation>Esta identificación ya está anulada.</translation>
    </message>
    <message>
        <source>Write why this identification is voided.</source>
        <translation>Escriba por qué se anula esta identificación.</translation>
    </message>
    <message>
        <source>Voiding needs who, when and a written reason.</source>
        <translation>Para anular hace falta quién, cuándo y un motivo escrito.</translation>
    </message>
    <message>
        <source>An identification of sexual exploitation needs a victim category.</source>
        <translation>Una identificación de explotación sexual necesita una categoría de víctima.</translation>
    </message>
    <message>
        <source>A labor-trafficking identification has no CSEC category.</source>
        <translation>Una identificación de trata laboral no tiene categoría CSEC.</translation>
    </message>
    <message>
        <source>A timing is chosen twice.</source>
        <translation>Un momento está elegido dos veces.</translation>
    </message>
    <message>
        <source>An answer is chosen twice.</source>
        <translation>Una respuesta está elegida dos veces.</translation>
    </message>
    <message>
        <source>Record the youth&apos;s return before the debrief.</source>
        <translation>Anote el regreso del o de la joven antes de la entrevista de regreso.</translation>
    </message>
    <message>
        <source>The NCMEC report needs its case number.</source>
        <translation>El informe al NCMEC necesita su número de caso.</translation>
    </message>
    <message>
        <source>Give the NCMEC case number.</source>
        <translation>Indique el número de caso del NCMEC.</translation>
    </message>
    <message>
        <source>Write why it is reopened.</source>
        <translation>Escriba por qué se reabre.</translation>
    </message>
    <message>
        <source>Write why this session is voided.</source>
        <translation>Escriba por qué se anula esta sesión.</translation>
    </message>
    <message>
        <source>Choose another record: this is the same one.</source>
        <translation>Elija otro registro: este es el mismo.</translation>
    </message>
    <message>
        <source>Records of two counties are not merged.</source>
        <translation>No se unen registros de dos condados.</translation>
    </message>
    <message>
        <source>This cannot be empty.</source>
        <translation>Este campo no puede quedar vacío.</translation>
    </message>
    <message numerus="yes">
        <source>Use at least %n character(s).</source>
        <translation>
            <numerusform>Use al menos %n carácter.</numerusform>
            <numerusform>Use al menos %n caracteres.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Use at most %n character(s).</source>
        <translation>
            <numerusform>Use como máximo %n carácter.</numerusform>
            <numerusform>Use como máximo %n caracteres.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add at least %n.</source>
        <translation>
            <numerusform>Agregue al menos %n.</numerusform>
            <numerusform>Agregue al menos %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Give at most %n.</source>
        <translation>
            <numerusform>Indique como máximo %n.</numerusform>
            <numerusform>Indique como máximo %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>Use a number of at least %1.</source>
        <translation>Use un número de al menos %1.</translation>
    </message>
    <message>
        <source>Use a number greater than %1.</source>
        <translation>Use un número mayor que %1.</translation>
    </message>
    <message>
        <source>Use a number of at most %1.</source>
        <translation>Use un número de como máximo %1.</translation>
    </message>
    <message>
        <source>Use a number less than %1.</source>
        <translation>Use un número menor que %1.</translation>
    </message>
    <message>
        <source>This is required.</source>
        <translation>Este dato es obligatorio.</translation>
    </message>
    <message>
        <source>Use only letters, digits and hyphens.</source>
        <translation>Use solo letras, dígitos y guiones.</translation>
    </message>
    <message>
        <source>This is not in the expected form.</source>
        <translation>No tiene la forma esperada.</translation>
    </message>
    <message>
        <source>Enter a whole number.</source>
        <translation>Escriba un número entero.</translation>
    </message>
    <message>
        <source>Enter a number.</source>
        <translation>Escriba un número.</translation>
    </message>
    <message>
        <source>Enter a date and time.</source>
        <translation>Escriba una fecha y una hora.</translation>
    </message>
    <message>
        <source>Enter a date.</source>
        <translation>Escriba una fecha.</translation>
    </message>
    <message>
        <source>Choose one of the values offered.</source>
        <translation>Elija uno de los valores ofrecidos.</translation>
    </message>
    <message>
        <source>Choose yes or no.</source>
        <translation>Elija sí o no.</translation>
    </message>
    <message>
        <source>This value cannot be used here.</source>
        <translation>Este valor no se puede usar aquí.</translation>
    </message>
</context>
<context>
    <name>FirstRunForm</name>
    <message>
        <source>CSEC Desktop — Set up</source>
        <translation>CSEC Desktop — Configuración</translation>
    </message>
    <message>
        <source>Set up this laptop</source>
        <translation>Configurar esta computadora portátil</translation>
    </message>
    <message>
        <source>&amp;Language / Idioma</source>
        <translation>&amp;Idioma / Language</translation>
    </message>
    <message>
        <source>Language / Idioma</source>
        <translation>Idioma / Language</translation>
    </message>
    <message>
        <source>Welcome to CSEC Desktop</source>
        <translation>Bienvenido a CSEC Desktop</translation>
    </message>
    <message>
        <source>Everything you record on this laptop is kept in an encrypted vault. Choose the passphrase that opens it. Nobody can open the vault without it, so choose one you will remember.</source>
        <translation>Todo lo que registre en esta computadora portátil se guarda en una bóveda cifrada. Elija la frase de contraseña que la abre. Nadie puede abrir la bóveda sin ella, así que elija una que pueda recordar.</translation>
    </message>
    <message>
        <source>Standalone mode: this laptop is not connected to a county server yet. Your records stay on this laptop until it is enrolled.</source>
        <translation>Modo independiente: esta computadora portátil aún no está conectada a un servidor del condado. Sus registros permanecen en esta computadora hasta que se inscriba.</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <source>County server</source>
        <translation>Servidor del condado</translation>
    </message>
    <message>
        <source>&amp;Enroll this laptop with the county server (recommended)</source>
        <translation>&amp;Inscribir esta computadora en el servidor del condado (recomendado)</translation>
    </message>
    <message>
        <source>Enroll with the county server</source>
        <translation>Inscribir en el servidor del condado</translation>
    </message>
    <message>
        <source>Stan&amp;dalone: keep records on this laptop only (you can enroll later in Settings)</source>
        <translation>In&amp;dependiente: guardar los registros solo en esta computadora (puede inscribirla después en Configuración)</translation>
    </message>
    <message>
        <source>Standalone</source>
        <translation>Independiente</translation>
    </message>
    <message>
        <source>Server &amp;address</source>
        <translation>&amp;Dirección del servidor</translation>
    </message>
    <message>
        <source>County server address</source>
        <translation>Dirección del servidor del condado</translation>
    </message>
    <message>
        <source>https://csec.county.example</source>
        <translation>https://csec.county.example</translation>
    </message>
    <message>
        <source>Enrollment c&amp;ode</source>
        <translation>Código de i&amp;nscripción</translation>
    </message>
    <message>
        <source>One-time enrollment code</source>
        <translation>Código de inscripción de un solo uso</translation>
    </message>
    <message>
        <source>The one-time code from county IT</source>
        <translation>El código de un solo uso del departamento de TI del condado</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>&amp;Frase de contraseña</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Nueva frase de contraseña</translation>
    </message>
    <message>
        <source>&amp;Confirm passphrase</source>
        <translation>&amp;Confirmar frase de contraseña</translation>
    </message>
    <message>
        <source>Confirm passphrase</source>
        <translation>Confirmar frase de contraseña</translation>
    </message>
    <message>
        <source>S&amp;how passphrase</source>
        <translation>&amp;Mostrar frase de contraseña</translation>
    </message>
    <message>
        <source>Show passphrase</source>
        <translation>Mostrar frase de contraseña</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>Solidez</translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation>Solidez de la frase de contraseña</translation>
    </message>
    <message>
        <source>Passphrase guidance</source>
        <translation>Consejos para la frase de contraseña</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Creating the vault</source>
        <translation>Creando la bóveda</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>C&amp;reate vault</source>
        <translation>C&amp;rear bóveda</translation>
    </message>
    <message>
        <source>Create vault</source>
        <translation>Crear bóveda</translation>
    </message>
</context>
<context>
    <name>FirstRunWindow</name>
    <message>
        <source>Set by your county (machine configuration)</source>
        <translation>Establecido por su condado (configuración del equipo)</translation>
    </message>
    <message>
        <source>Your county requires this laptop to be enrolled with the county server before it is used. Enrolling is not available in this version yet: contact county IT.</source>
        <translation>Su condado exige que esta computadora portátil se inscriba en el servidor del condado antes de usarla. La inscripción todavía no está disponible en esta versión: comuníquese con el departamento de informática del condado.</translation>
    </message>
    <message>
        <source>Your county requires this laptop to be enrolled with the county server: enter the server address and the one-time code from county IT.</source>
        <translation>Su condado exige que esta computadora esté inscrita en el servidor del condado: escriba la dirección del servidor y el código de un solo uso del departamento de TI del condado.</translation>
    </message>
    <message>
        <source>Enrolled, this laptop sends your records to the county server whenever it can reach it, and receives your supervisor&apos;s reviews.</source>
        <translation>Una vez inscrita, esta computadora envía sus registros al servidor del condado cada vez que puede conectarse y recibe las revisiones de su supervisor.</translation>
    </message>
    <message>
        <source>C&amp;reate vault and enroll</source>
        <translation>C&amp;rear bóveda e inscribir</translation>
    </message>
    <message>
        <source>Create vault and enroll</source>
        <translation>Crear bóveda e inscribir</translation>
    </message>
    <message>
        <source>Standalone mode: this laptop is not connected to a county server and your records stay on it only. You can enroll it later from Settings.</source>
        <translation>Modo independiente: esta computadora no está conectada a un servidor del condado y sus registros quedan solo en ella. Puede inscribirla después desde Configuración.</translation>
    </message>
    <message>
        <source>C&amp;reate vault</source>
        <translation>C&amp;rear bóveda</translation>
    </message>
    <message>
        <source>Create vault</source>
        <translation>Crear bóveda</translation>
    </message>
    <message>
        <source>Too short</source>
        <translation>Demasiado corta</translation>
    </message>
    <message>
        <source>Weak</source>
        <translation>Débil</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>Aceptable</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Buena</translation>
    </message>
    <message>
        <source>Strong</source>
        <translation>Sólida</translation>
    </message>
    <message>
        <source>Strength: %1</source>
        <translation>Solidez: %1</translation>
    </message>
    <message numerus="yes">
        <source>Use at least %n character(s); a few ordinary words work well.</source>
        <translation>
            <numerusform>Use al menos %n carácter; unas cuantas palabras comunes funcionan bien.</numerusform>
            <numerusform>Use al menos %n caracteres; unas cuantas palabras comunes funcionan bien.</numerusform>
        </translation>
    </message>
    <message>
        <source>Avoid repeating the same characters.</source>
        <translation>Evite repetir los mismos caracteres.</translation>
    </message>
    <message>
        <source>This is a common password; choose something of your own.</source>
        <translation>Esta es una contraseña común; elija algo propio.</translation>
    </message>
    <message>
        <source>Adding another word or two makes it stronger.</source>
        <translation>Agregar una o dos palabras más la hace más sólida.</translation>
    </message>
    <message>
        <source>The two passphrases do not match yet.</source>
        <translation>Las dos frases de contraseña todavía no coinciden.</translation>
    </message>
    <message numerus="yes">
        <source>Use at least %n character(s). A short sentence only you would think of is ideal.</source>
        <translation>
            <numerusform>Use al menos %n carácter. Lo ideal es una oración corta que solo a usted se le ocurriría.</numerusform>
            <numerusform>Use al menos %n caracteres. Lo ideal es una oración corta que solo a usted se le ocurriría.</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passphrases do not match.</source>
        <translation>Las dos frases de contraseña no coinciden.</translation>
    </message>
    <message>
        <source>Contacting the county server and creating the encrypted vault. This takes a few seconds…</source>
        <translation>Contactando al servidor del condado y creando la bóveda cifrada. Esto tarda unos segundos…</translation>
    </message>
    <message>
        <source>Creating the encrypted vault. This takes a few seconds…</source>
        <translation>Creando la bóveda cifrada. Esto tarda unos segundos…</translation>
    </message>
    <message>
        <source>Nothing was set up; enter the passphrase again to retry.</source>
        <translation>No se configuró nada; escriba la frase de contraseña otra vez para reintentar.</translation>
    </message>
</context>
<context>
    <name>IdentificationInputs</name>
    <message>
        <source>When the agency learned of the exploitation (required)</source>
        <translation>Cuándo supo la agencia de la explotación (obligatorio)</translation>
    </message>
    <message>
        <source>The 24-hour report to law enforcement is due 24 hours after the agency received the information, not after this screening is submitted.</source>
        <translation>El informe a las autoridades vence 24 horas después de que la agencia recibió la información, no después de enviar esta evaluación.</translation>
    </message>
    <message>
        <source>When did the agency &amp;learn this? *</source>
        <translation>¿Cuándo lo &amp;supo la agencia? *</translation>
    </message>
    <message>
        <source>Identified before: is this the same incident?</source>
        <translation>Identificado antes: ¿es el mismo incidente?</translation>
    </message>
    <message>
        <source>Same incident or a new incident</source>
        <translation>Mismo incidente o un incidente nuevo</translation>
    </message>
    <message>
        <source>The &amp;same incident: this screening confirms it, no new report</source>
        <translation>El &amp;mismo incidente: esta evaluación lo confirma, sin nuevo informe</translation>
    </message>
    <message>
        <source>A ne&amp;w incident since then: a new report to law enforcement is owed</source>
        <translation>Un incidente &amp;nuevo desde entonces: se debe un nuevo informe a las autoridades</translation>
    </message>
    <message>
        <source>Identified on %1</source>
        <translation>Identificado el %1</translation>
    </message>
</context>
<context>
    <name>IdentificationsPanel</name>
    <message>
        <source>exploitation is ongoing</source>
        <translation>la explotación continúa</translation>
    </message>
    <message>
        <source>exploitation has stopped</source>
        <translation>la explotación se detuvo</translation>
    </message>
    <message>
        <source>identified; whether it is happening now is not known</source>
        <translation>identificado; no se sabe si ocurre ahora</translation>
    </message>
    <message>
        <source>at risk</source>
        <translation>en riesgo</translation>
    </message>
    <message>
        <source>not identified</source>
        <translation>no identificado</translation>
    </message>
    <message>
        <source>Void identification</source>
        <translation>Anular identificación</translation>
    </message>
    <message>
        <source>Void this identification only if it was a mistake: %1. It stays in the history, struck through, with your reason; its open obligations are voided with it.</source>
        <translation>Anule esta identificación solo si fue un error: %1. Queda en el historial, tachada, con su motivo; sus obligaciones abiertas se anulan con ella.</translation>
    </message>
    <message>
        <source>Why the identification is voided</source>
        <translation>Por qué se anula la identificación</translation>
    </message>
    <message>
        <source>&amp;Void identification</source>
        <translation>&amp;Anular identificación</translation>
    </message>
    <message>
        <source>Write why this identification is voided.</source>
        <translation>Escriba por qué se anula esta identificación.</translation>
    </message>
    <message>
        <source>Identifications</source>
        <translation>Identificaciones</translation>
    </message>
    <message>
        <source>What the latest screening says about now</source>
        <translation>Lo que dice la última evaluación sobre el presente</translation>
    </message>
    <message>
        <source>Identification history</source>
        <translation>Historial de identificaciones</translation>
    </message>
    <message>
        <source>&amp;Void identification…</source>
        <translation>&amp;Anular identificación…</translation>
    </message>
    <message>
        <source>Void the selected identification</source>
        <translation>Anular la identificación seleccionada</translation>
    </message>
    <message>
        <source>Labor trafficking</source>
        <translation>Trata laboral</translation>
    </message>
    <message>
        <source>learned %1</source>
        <translation>se supo el %1</translation>
    </message>
    <message>
        <source>%1: made %2</source>
        <translation>%1: hecho el %2</translation>
    </message>
    <message>
        <source>%1: due %2</source>
        <translation>%1: vence el %2</translation>
    </message>
    <message>
        <source>voided: %1</source>
        <translation>anulada: %1</translation>
    </message>
    <message>
        <source>No identification recorded.</source>
        <translation>No hay identificaciones registradas.</translation>
    </message>
    <message>
        <source>Labor trafficking: %1</source>
        <translation>Trata laboral: %1</translation>
    </message>
    <message>
        <source>Now: %1</source>
        <translation>Ahora: %1</translation>
    </message>
    <message>
        <source>Now: not screened yet.</source>
        <translation>Ahora: aún sin evaluar.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>No se guardó: %1</translation>
    </message>
</context>
<context>
    <name>ItemEditor</name>
    <message>
        <source>Required</source>
        <translation>Obligatoria</translation>
    </message>
    <message>
        <source>Confidential: left out of printouts and exports</source>
        <translation>Confidencial: se omite en impresiones y exportaciones</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Se desconoce</translation>
    </message>
    <message>
        <source>Declined to answer</source>
        <translation>Prefirió no responder</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>MM/DD/YYYY</source>
        <translation>MM/DD/AAAA</translation>
    </message>
    <message>
        <source>A number from %1 to %2</source>
        <translation>Un número de %1 a %2</translation>
    </message>
    <message>
        <source>A number, at least %1</source>
        <translation>Un número, al menos %1</translation>
    </message>
    <message>
        <source>A number</source>
        <translation>Un número</translation>
    </message>
    <message>
        <source>Enter the date as MM/DD/YYYY. This answer is not saved until then.</source>
        <translation>Escriba la fecha como MM/DD/AAAA. Esta respuesta no se guarda hasta entonces.</translation>
    </message>
    <message>
        <source>Enter %1. This answer is not saved until then.</source>
        <translation>Escriba %1. Esta respuesta no se guarda hasta entonces.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Not recorded</source>
        <translation>No registrado</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Femenino</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Masculino</translation>
    </message>
    <message>
        <source>Transgender female</source>
        <translation>Mujer transgénero</translation>
    </message>
    <message>
        <source>Transgender male</source>
        <translation>Hombre transgénero</translation>
    </message>
    <message>
        <source>Nonbinary</source>
        <translation>No binario</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>Declined to state</source>
        <translation>Prefirió no decirlo</translation>
    </message>
    <message>
        <source>Not in care</source>
        <translation>Fuera del sistema de cuidado</translation>
    </message>
    <message>
        <source>Home of parent</source>
        <translation>Hogar de un padre o madre</translation>
    </message>
    <message>
        <source>Relative or extended family</source>
        <translation>Familiar o familia extendida</translation>
    </message>
    <message>
        <source>Foster family</source>
        <translation>Familia de crianza</translation>
    </message>
    <message>
        <source>Foster family agency home</source>
        <translation>Hogar de agencia de familias de crianza</translation>
    </message>
    <message>
        <source>Group home (STRTP)</source>
        <translation>Hogar grupal (STRTP)</translation>
    </message>
    <message>
        <source>Juvenile hall</source>
        <translation>Centro de detención juvenil</translation>
    </message>
    <message>
        <source>Transitional housing</source>
        <translation>Vivienda de transición</translation>
    </message>
    <message>
        <source>Supervised independent living</source>
        <translation>Vivienda independiente supervisada</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Sections</source>
        <translation>Secciones</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>&amp;Youth</source>
        <translation>&amp;Jóvenes</translation>
    </message>
    <message>
        <source>Obligations</source>
        <translation>Obligaciones</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>Educación</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Solo lectura</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n item(s)</source>
        <translation>
            <numerusform>%1: %n asunto</numerusform>
            <numerusform>%1: %n asuntos</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing due now</source>
        <translation>Nada vence ahora</translation>
    </message>
    <message numerus="yes">
        <source>Today: %n to do</source>
        <translation>
            <numerusform>Hoy: %n pendiente</numerusform>
            <numerusform>Hoy: %n pendientes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n vencido</numerusform>
            <numerusform>%n vencidos</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Vault</source>
        <translation>&amp;Bóveda</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>B&amp;loquear</translation>
    </message>
    <message>
        <source>&amp;Hide screen</source>
        <translation>&amp;Ocultar pantalla</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Sincronizar ahora</translation>
    </message>
    <message>
        <source>Yo&amp;uth</source>
        <translation>&amp;Jóvenes</translation>
    </message>
    <message>
        <source>&amp;New youth…</source>
        <translation>&amp;Nuevo joven…</translation>
    </message>
    <message>
        <source>&amp;Find youth</source>
        <translation>&amp;Buscar joven</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Ir a</translation>
    </message>
    <message>
        <source>Vault unlocked</source>
        <translation>Bóveda desbloqueada</translation>
    </message>
    <message>
        <source>Vault status</source>
        <translation>Estado de la bóveda</translation>
    </message>
    <message>
        <source>What needs you today</source>
        <translation>Lo que requiere su atención hoy</translation>
    </message>
    <message>
        <source>Standalone: no county server configured</source>
        <translation>Independiente: no hay servidor del condado configurado</translation>
    </message>
    <message>
        <source>Server status</source>
        <translation>Estado del servidor</translation>
    </message>
    <message numerus="yes">
        <source>Locks after %n min idle</source>
        <translation>
            <numerusform>Se bloquea tras %n min sin uso</numerusform>
            <numerusform>Se bloquea tras %n min sin uso</numerusform>
        </translation>
    </message>
    <message>
        <source>Ctrl+L locks now</source>
        <translation>Ctrl+L bloquea ahora</translation>
    </message>
    <message>
        <source>Auto-lock</source>
        <translation>Bloqueo automático</translation>
    </message>
</context>
<context>
    <name>MarkDoneDialog</name>
    <message>
        <source>Mark done</source>
        <translation>Marcar como hecha</translation>
    </message>
    <message>
        <source>%1 — due %2</source>
        <translation>%1 — vence %2</translation>
    </message>
    <message>
        <source>&amp;Agency *</source>
        <translation>&amp;Agencia *</translation>
    </message>
    <message>
        <source>Law-enforcement agency (required)</source>
        <translation>Agencia policial (obligatoria)</translation>
    </message>
    <message>
        <source>Record the agency that received the report and its report number (add the number later if it is not given at once).</source>
        <translation>Registre la agencia que recibió el informe y su número de informe (agregue el número más tarde si no se lo dan de inmediato).</translation>
    </message>
    <message>
        <source>Record where it was done and any reference, such as a referral number.</source>
        <translation>Registre dónde se hizo y cualquier referencia, como un número de remisión.</translation>
    </message>
    <message>
        <source>&amp;Mark done</source>
        <translation>&amp;Marcar como hecha</translation>
    </message>
    <message>
        <source>Correct the details</source>
        <translation>Corregir los detalles</translation>
    </message>
    <message>
        <source>&amp;Save corrections</source>
        <translation>&amp;Guardar correcciones</translation>
    </message>
    <message>
        <source>Save corrections</source>
        <translation>Guardar correcciones</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Enter the law-enforcement agency that received the report.</source>
        <translation>Escriba la agencia policial que recibió el informe.</translation>
    </message>
</context>
<context>
    <name>MarkDoneForm</name>
    <message>
        <source>Mark done</source>
        <translation>Marcar como hecha</translation>
    </message>
    <message>
        <source>Obligation</source>
        <translation>Obligación</translation>
    </message>
    <message>
        <source>&amp;Done at *</source>
        <translation>&amp;Hecha el *</translation>
    </message>
    <message>
        <source>Done at (required)</source>
        <translation>Hecha el (obligatoria)</translation>
    </message>
    <message>
        <source>MM/dd/yyyy HH:mm</source>
        <translation>MM/dd/yyyy HH:mm</translation>
    </message>
    <message>
        <source>&amp;Agency</source>
        <translation>&amp;Agencia</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Agencia</translation>
    </message>
    <message>
        <source>&amp;Reference</source>
        <translation>&amp;Referencia</translation>
    </message>
    <message>
        <source>Reference or report number</source>
        <translation>Referencia o número de informe</translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation>N&amp;otas</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>What to record</source>
        <translation>Qué registrar</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge duplicate record</source>
        <translation>Unir registro duplicado</translation>
    </message>
    <message>
        <source>Merge %1 into another record of the same child. Everything recorded here (screenings, identifications, obligations, missing episodes, sessions) moves to the record you choose; this record is kept, marked merged, and no longer listed.</source>
        <translation>Unir %1 a otro registro del mismo menor. Todo lo registrado aquí (evaluaciones, identificaciones, obligaciones, desapariciones, sesiones) pasa al registro que elija; este registro se conserva, marcado como unido, y ya no se muestra en las listas.</translation>
    </message>
    <message>
        <source>&amp;Find the other record:</source>
        <translation>&amp;Buscar el otro registro:</translation>
    </message>
    <message>
        <source>Find the other record of this child</source>
        <translation>Buscar el otro registro de este menor</translation>
    </message>
    <message>
        <source>Name, date of birth or client ID</source>
        <translation>Nombre, fecha de nacimiento o ID de cliente</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Buscar</translation>
    </message>
    <message>
        <source>Records that may be the same child</source>
        <translation>Registros que pueden ser del mismo menor</translation>
    </message>
    <message>
        <source>Choose the record to keep.</source>
        <translation>Elija el registro que se conserva.</translation>
    </message>
    <message>
        <source>&amp;Merge into the chosen record</source>
        <translation>&amp;Unir al registro elegido</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>No other record found. Search by name, date of birth or client ID.</source>
        <translation>No se encontró otro registro. Busque por nombre, fecha de nacimiento o ID de cliente.</translation>
    </message>
    <message>
        <source>Moves to %1: %2 screening(s), %3 identification(s), %4 obligation(s), %5 missing episode(s), %6 session(s).</source>
        <translation>Pasan a %1: %2 evaluación(es), %3 identificación(es), %4 obligación(es), %5 desaparición(es), %6 sesión(es).</translation>
    </message>
    <message>
        <source>Not merged: %1</source>
        <translation>No se unió: %1</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>The passphrase is not correct.</source>
        <translation>La frase de contraseña no es correcta.</translation>
    </message>
    <message>
        <source>The key file {file} is damaged or was changed, so the vault cannot be opened. Nothing was deleted. Contact county IT: they can restore it from a backup or recover it with the county recovery key.</source>
        <translation>El archivo de claves {file} está dañado o fue modificado, por lo que no se puede abrir la bóveda. No se eliminó nada. Comuníquese con el departamento de informática del condado: pueden restaurarlo desde una copia de seguridad o recuperarlo con la clave de recuperación del condado.</translation>
    </message>
    <message>
        <source>The database file {file} is damaged or does not belong to this vault. Nothing was deleted. Contact county IT.</source>
        <translation>El archivo de base de datos {file} está dañado o no pertenece a esta bóveda. No se eliminó nada. Comuníquese con el departamento de informática del condado.</translation>
    </message>
    <message>
        <source>The key file {file} was written by a newer version of CSEC Desktop. Install the current version.</source>
        <translation>El archivo de claves {file} fue escrito por una versión más reciente de CSEC Desktop. Instale la versión actual.</translation>
    </message>
    <message>
        <source>There is no key file {file} in the vault&apos;s folder.</source>
        <translation>No hay un archivo de claves {file} en la carpeta de la bóveda.</translation>
    </message>
    <message>
        <source>The key file {file} cannot be read or written: {reason}</source>
        <translation>No se puede leer ni escribir el archivo de claves {file}: {reason}</translation>
    </message>
    <message>
        <source>The vault is locked. Unlock it and try again.</source>
        <translation>La bóveda está bloqueada. Desbloquéela e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>This record was changed since you opened it. Close it and open it again to see the current version.</source>
        <translation>Este registro cambió desde que lo abrió. Ciérrelo y vuelva a abrirlo para ver la versión actual.</translation>
    </message>
    <message>
        <source>This record no longer exists in the vault.</source>
        <translation>Este registro ya no existe en la bóveda.</translation>
    </message>
    <message>
        <source>This record can no longer be changed here: it was submitted or approved meanwhile. Close it and open it again to see where it stands.</source>
        <translation>Este registro ya no se puede cambiar aquí: mientras tanto se envió o se aprobó. Ciérrelo y vuelva a abrirlo para ver en qué estado está.</translation>
    </message>
    <message>
        <source>This cannot be done now: the record is no longer in the state it was in when you opened it. Close it and open it again.</source>
        <translation>Esto no se puede hacer ahora: el registro ya no está en el estado en que estaba cuando lo abrió. Ciérrelo y vuelva a abrirlo.</translation>
    </message>
    <message>
        <source>The screening is not complete: answer or correct the questions listed on the summary page, then submit it again.</source>
        <translation>La evaluación no está completa: conteste o corrija las preguntas que aparecen en la página de resumen y vuelva a enviarla.</translation>
    </message>
    <message>
        <source>You chose a category other than the proposed one: write the reason, then submit.</source>
        <translation>Eligió una categoría distinta de la propuesta: escriba el motivo y luego envíe.</translation>
    </message>
    <message>
        <source>Some answers do not fit this screening&apos;s questions and were not saved. Check the marked questions.</source>
        <translation>Algunas respuestas no corresponden a las preguntas de esta evaluación y no se guardaron. Revise las preguntas marcadas.</translation>
    </message>
    <message>
        <source>The screening instrument this record uses is not installed on this laptop. Contact county IT.</source>
        <translation>El instrumento de evaluación que usa este registro no está instalado en esta computadora. Comuníquese con el área de TI del condado.</translation>
    </message>
    <message>
        <source>The computer refused a file operation: {reason}</source>
        <translation>La computadora rechazó una operación de archivo: {reason}</translation>
    </message>
    <message>
        <source>Something unexpected went wrong ({kind}). Nothing was deleted.</source>
        <translation>Ocurrió un error inesperado ({kind}). No se eliminó nada.</translation>
    </message>
</context>
<context>
    <name>MissingPanel</name>
    <message>
        <source>Missing from care</source>
        <translation>Ausente del cuidado</translation>
    </message>
    <message>
        <source>Missing-from-care status</source>
        <translation>Estado de ausencia del cuidado</translation>
    </message>
    <message>
        <source>Record &amp;missing…</source>
        <translation>Registrar &amp;ausencia…</translation>
    </message>
    <message>
        <source>Record that the youth is missing</source>
        <translation>Registrar que el joven está ausente</translation>
    </message>
    <message>
        <source>Record re&amp;turn…</source>
        <translation>Registrar re&amp;greso…</translation>
    </message>
    <message>
        <source>Record that the youth returned</source>
        <translation>Registrar que el joven regresó</translation>
    </message>
    <message>
        <source>Record &amp;report…</source>
        <translation>Registrar &amp;informe…</translation>
    </message>
    <message>
        <source>Record the report to law enforcement</source>
        <translation>Registrar el informe a la policía</translation>
    </message>
    <message>
        <source>Record &amp;NCMEC report…</source>
        <translation>Registrar informe a &amp;NCMEC…</translation>
    </message>
    <message>
        <source>Record the report to NCMEC</source>
        <translation>Registrar el informe a NCMEC</translation>
    </message>
    <message>
        <source>Record &amp;debrief…</source>
        <translation>Registrar &amp;entrevista…</translation>
    </message>
    <message>
        <source>Record the return debrief</source>
        <translation>Registrar la entrevista al regresar</translation>
    </message>
    <message>
        <source>Missing since %1.</source>
        <translation>Ausente desde %1.</translation>
    </message>
    <message>
        <source>Not recorded as missing now.</source>
        <translation>No consta como ausente ahora.</translation>
    </message>
    <message numerus="yes">
        <source>%n earlier episode(s).</source>
        <translation>
            <numerusform>%n episodio anterior.</numerusform>
            <numerusform>%n episodios anteriores.</numerusform>
        </translation>
    </message>
    <message>
        <source>Reported to %1 on %2.</source>
        <translation>Informado a %1 el %2.</translation>
    </message>
    <message>
        <source>The report to law enforcement and NCMEC is not recorded yet.</source>
        <translation>El informe a la policía y al NCMEC aún no está registrado.</translation>
    </message>
    <message>
        <source>NCMEC case %1, reported %2.</source>
        <translation>Caso NCMEC %1, informado el %2.</translation>
    </message>
    <message>
        <source>Debriefed %1.</source>
        <translation>Entrevista el %1.</translation>
    </message>
    <message>
        <source>When did the youth go missing? The 24-hour report to law enforcement and NCMEC counts from this time.</source>
        <translation>¿Cuándo desapareció el joven? El plazo de 24 horas para informar a la policía y al NCMEC cuenta desde este momento.</translation>
    </message>
    <message>
        <source>Youth returned</source>
        <translation>El joven regresó</translation>
    </message>
    <message>
        <source>When did the youth return? A screening of the returning youth becomes due.</source>
        <translation>¿Cuándo regresó el joven? Corresponde hacer una evaluación del joven que regresa.</translation>
    </message>
    <message>
        <source>Screen the returning youth</source>
        <translation>Evaluar al joven que regresa</translation>
    </message>
    <message numerus="yes">
        <source>The youth&apos;s return is recorded. A screening of the returning youth is due within %n hour(s). Start it now?</source>
        <translation>
            <numerusform>El regreso del joven quedó registrado. La evaluación del joven que regresa vence en %n hora. ¿Empezarla ahora?</numerusform>
            <numerusform>El regreso del joven quedó registrado. La evaluación del joven que regresa vence en %n horas. ¿Empezarla ahora?</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Start screening</source>
        <translation>&amp;Empezar evaluación</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>&amp;Más tarde</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>No se guardó: %1</translation>
    </message>
</context>
<context>
    <name>MissingReportDialog</name>
    <message>
        <source>Report to law enforcement and NCMEC</source>
        <translation>Informe a la policía y al NCMEC</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Enter the law-enforcement agency that received the report.</source>
        <translation>Escriba la agencia policial que recibió el informe.</translation>
    </message>
</context>
<context>
    <name>MissingReportForm</name>
    <message>
        <source>Report to law enforcement and NCMEC</source>
        <translation>Informe a la policía y al NCMEC</translation>
    </message>
    <message>
        <source>Record the report made about the missing youth. It also marks the 24-hour report obligation done.</source>
        <translation>Registre el informe hecho sobre el joven ausente. También marca como hecha la obligación de informar en 24 horas.</translation>
    </message>
    <message>
        <source>About this report</source>
        <translation>Acerca de este informe</translation>
    </message>
    <message>
        <source>Reported &amp;at *</source>
        <translation>Informado &amp;el *</translation>
    </message>
    <message>
        <source>Reported at (required)</source>
        <translation>Informado el (obligatorio)</translation>
    </message>
    <message>
        <source>MM/dd/yyyy HH:mm</source>
        <translation>MM/dd/yyyy HH:mm</translation>
    </message>
    <message>
        <source>&amp;Agency *</source>
        <translation>&amp;Agencia *</translation>
    </message>
    <message>
        <source>Law-enforcement agency (required)</source>
        <translation>Agencia policial (obligatoria)</translation>
    </message>
    <message>
        <source>&amp;Report number</source>
        <translation>Número de &amp;informe</translation>
    </message>
    <message>
        <source>Law-enforcement report number</source>
        <translation>Número de informe policial</translation>
    </message>
    <message>
        <source>&amp;NCMEC number</source>
        <translation>Número del &amp;NCMEC</translation>
    </message>
    <message>
        <source>NCMEC report number</source>
        <translation>Número de informe del NCMEC</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
</context>
<context>
    <name>NcmecReportDialog</name>
    <message>
        <source>Report to NCMEC</source>
        <translation>Informe a NCMEC</translation>
    </message>
    <message>
        <source>A missing child is reported to the National Center for Missing &amp; Exploited Children within 24 hours. Record the case number NCMEC gave.</source>
        <translation>Un menor desaparecido se informa al Centro Nacional para Menores Desaparecidos y Explotados (NCMEC) en 24 horas. Registre el número de caso que dio NCMEC.</translation>
    </message>
    <message>
        <source>When NCMEC was told</source>
        <translation>Cuándo se informó a NCMEC</translation>
    </message>
    <message>
        <source>&amp;When reported:</source>
        <translation>&amp;Cuándo se informó:</translation>
    </message>
    <message>
        <source>NCMEC case number</source>
        <translation>Número de caso de NCMEC</translation>
    </message>
    <message>
        <source>NCMEC case &amp;number *:</source>
        <translation>&amp;Número de caso NCMEC *:</translation>
    </message>
    <message>
        <source>&amp;Law enforcement made this report to NCMEC</source>
        <translation>Las &amp;autoridades hicieron este informe a NCMEC</translation>
    </message>
    <message>
        <source>&amp;Save report</source>
        <translation>&amp;Guardar informe</translation>
    </message>
    <message>
        <source>Give the NCMEC case number.</source>
        <translation>Indique el número de caso de NCMEC.</translation>
    </message>
</context>
<context>
    <name>ObligationTableModel</name>
    <message>
        <source>Due</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Tiempo restante</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Qué hacer</translation>
    </message>
    <message>
        <source>Youth</source>
        <translation>Joven</translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation>Vence el %1</translation>
    </message>
    <message>
        <source>%1 (24-hour clock)</source>
        <translation>%1 (plazo de 24 horas)</translation>
    </message>
    <message>
        <source>Done %1</source>
        <translation>Hecha %1</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hecha</translation>
    </message>
    <message>
        <source>Done late</source>
        <translation>Hecha tarde</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Vencida</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Urgente</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>Vence pronto</translation>
    </message>
</context>
<context>
    <name>ObligationsView</name>
    <message>
        <source>Obligations</source>
        <translation>Obligaciones</translation>
    </message>
    <message>
        <source>Obligations summary</source>
        <translation>Resumen de obligaciones</translation>
    </message>
    <message>
        <source>Show &amp;done</source>
        <translation>Mostrar &amp;hechas</translation>
    </message>
    <message>
        <source>Show done obligations</source>
        <translation>Mostrar obligaciones hechas</translation>
    </message>
    <message>
        <source>Show the obligations of</source>
        <translation>Mostrar las obligaciones de</translation>
    </message>
    <message>
        <source>Every youth</source>
        <translation>Todos los jóvenes</translation>
    </message>
    <message>
        <source>&amp;Youth:</source>
        <translation>&amp;Joven:</translation>
    </message>
    <message>
        <source>Show obligations of this kind</source>
        <translation>Mostrar obligaciones de este tipo</translation>
    </message>
    <message>
        <source>Every kind</source>
        <translation>Todos los tipos</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <source>Obligations due and overdue</source>
        <translation>Obligaciones pendientes y vencidas</translation>
    </message>
    <message>
        <source>Column headings</source>
        <translation>Encabezados de columna</translation>
    </message>
    <message>
        <source>&amp;Open youth</source>
        <translation>&amp;Abrir joven</translation>
    </message>
    <message>
        <source>Open the youth of this obligation</source>
        <translation>Abrir el joven de esta obligación</translation>
    </message>
    <message>
        <source>&amp;Mark done…</source>
        <translation>&amp;Marcar como hecha…</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>Marcar como hecha</translation>
    </message>
    <message>
        <source>&amp;Correct details…</source>
        <translation>&amp;Corregir detalles…</translation>
    </message>
    <message>
        <source>Correct the details of a done obligation</source>
        <translation>Corregir los detalles de una obligación cumplida</translation>
    </message>
    <message>
        <source>&amp;Reopen…</source>
        <translation>&amp;Reabrir…</translation>
    </message>
    <message>
        <source>Reopen an obligation marked done by mistake</source>
        <translation>Reabrir una obligación marcada como cumplida por error</translation>
    </message>
    <message>
        <source>Obligations message</source>
        <translation>Mensaje de obligaciones</translation>
    </message>
    <message>
        <source>Nothing is due. Obligations appear here when a screening is submitted or a youth goes missing.</source>
        <translation>No hay nada pendiente. Las obligaciones aparecen aquí cuando se envía una evaluación o un joven desaparece.</translation>
    </message>
    <message numerus="yes">
        <source>%n open obligation(s)</source>
        <translation>
            <numerusform>%n obligación pendiente</numerusform>
            <numerusform>%n obligaciones pendientes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n vencida</numerusform>
            <numerusform>%n vencidas</numerusform>
        </translation>
    </message>
    <message>
        <source>24-hour law-enforcement reports are listed first.</source>
        <translation>Los informes policiales de 24 horas aparecen primero.</translation>
    </message>
    <message numerus="yes">
        <source>%n shown with the filters chosen.</source>
        <translation>
            <numerusform>%n mostrada con los filtros elegidos.</numerusform>
            <numerusform>%n mostradas con los filtros elegidos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Details corrected.</source>
        <translation>Detalles corregidos.</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Reabrir</translation>
    </message>
    <message>
        <source>Reopen “%1” only if it was marked done by mistake. It is owed again, due when it was due; your reason is kept with it.</source>
        <translation>Reabra «%1» solo si se marcó como cumplida por error. Vuelve a deberse, con el mismo vencimiento; su motivo se guarda con ella.</translation>
    </message>
    <message>
        <source>Why it is reopened</source>
        <translation>Por qué se reabre</translation>
    </message>
    <message>
        <source>&amp;Reopen</source>
        <translation>&amp;Reabrir</translation>
    </message>
    <message>
        <source>Write why it is reopened.</source>
        <translation>Escriba por qué se reabre.</translation>
    </message>
    <message>
        <source>Reopened: it is owed again.</source>
        <translation>Reabierta: vuelve a deberse.</translation>
    </message>
    <message>
        <source>NCMEC report recorded.</source>
        <translation>Informe a NCMEC registrado.</translation>
    </message>
    <message>
        <source>Marked done.</source>
        <translation>Marcada como hecha.</translation>
    </message>
    <message>
        <source>Not marked done: %1</source>
        <translation>No se marcó como hecha: %1</translation>
    </message>
</context>
<context>
    <name>PrintOptionsDialog</name>
    <message>
        <source>Save screening as PDF</source>
        <translation>Guardar evaluación como PDF</translation>
    </message>
    <message>
        <source>Confidential answers, notes and evidence are left out of the PDF unless you include them. Include them only where the case file needs them.</source>
        <translation>Las respuestas confidenciales, las notas y la evidencia se omiten del PDF a menos que usted las incluya. Inclúyalas solo cuando el expediente lo requiera.</translation>
    </message>
    <message>
        <source>&amp;Include confidential answers</source>
        <translation>&amp;Incluir respuestas confidenciales</translation>
    </message>
    <message>
        <source>Include confidential answers</source>
        <translation>Incluir respuestas confidenciales</translation>
    </message>
</context>
<context>
    <name>PrivacyScreen</name>
    <message>
        <source>The screen is hidden. Nothing was closed and nothing is lost.
Press Ctrl+Shift+H or choose Show the screen to come back.</source>
        <translation>La pantalla está oculta. No se cerró nada y no se perdió nada.
Pulse Ctrl+Mayús+H o elija Mostrar la pantalla para volver.</translation>
    </message>
    <message>
        <source>Screen hidden</source>
        <translation>Pantalla oculta</translation>
    </message>
    <message>
        <source>&amp;Show the screen</source>
        <translation>&amp;Mostrar la pantalla</translation>
    </message>
    <message>
        <source>Show the screen</source>
        <translation>Mostrar la pantalla</translation>
    </message>
    <message>
        <source>&amp;Lock now</source>
        <translation>&amp;Bloquear ahora</translation>
    </message>
    <message>
        <source>Lock now</source>
        <translation>Bloquear ahora</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>&amp;Reason *:</source>
        <translation>&amp;Motivo *:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>no concern</source>
        <translation>ninguna preocupación</translation>
    </message>
    <message>
        <source>a possible concern</source>
        <translation>una preocupación posible</translation>
    </message>
    <message>
        <source>a clear concern</source>
        <translation>una preocupación clara</translation>
    </message>
    <message>
        <source>%1 shows %2, from the answers to %3.</source>
        <translation>%1 muestra %2, según las respuestas a %3.</translation>
    </message>
    <message>
        <source>%1 shows %2.</source>
        <translation>%1 muestra %2.</translation>
    </message>
    <message>
        <source>From the answers to %1.</source>
        <translation>Según las respuestas a %1.</translation>
    </message>
    <message>
        <source>No answer points to a concern.</source>
        <translation>Ninguna respuesta indica una preocupación.</translation>
    </message>
    <message>
        <source>%1: yes, the answers to %2 support it.</source>
        <translation>%1: sí, las respuestas a %2 lo respaldan.</translation>
    </message>
    <message>
        <source>%1: yes, the answers support it.</source>
        <translation>%1: sí, las respuestas lo respaldan.</translation>
    </message>
    <message>
        <source>%1: no, the answers do not show it.</source>
        <translation>%1: no, las respuestas no lo muestran.</translation>
    </message>
    <message>
        <source>%1: not known yet from the answers.</source>
        <translation>%1: aún no se sabe por las respuestas.</translation>
    </message>
    <message>
        <source>The youth chose not to answer %1.</source>
        <translation>El o la joven prefirió no responder %1.</translation>
    </message>
</context>
<context>
    <name>ReportOptions</name>
    <message>
        <source>%1, whole year</source>
        <translation>%1, año completo</translation>
    </message>
    <message>
        <source>%1, quarter %2</source>
        <translation>%1, trimestre %2</translation>
    </message>
</context>
<context>
    <name>ReportOptionsDialog</name>
    <message>
        <source>Save team report</source>
        <translation>Guardar informe del equipo</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Período</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>PDF with charts</source>
        <translation>PDF con gráficos</translation>
    </message>
    <message>
        <source>CSV (figures only)</source>
        <translation>CSV (solo cifras)</translation>
    </message>
    <message>
        <source>This report &amp;leaves the county (hide counts 1–10)</source>
        <translation>Este informe &amp;sale del condado (ocultar cifras de 1 a 10)</translation>
    </message>
    <message numerus="yes">
        <source>Offered for the periods the county publishes: quarters and years, %n day(s) after they end.</source>
        <translation>
            <numerusform>Se ofrece para los periodos que publica el condado: trimestres y años, %n día después de que terminan.</numerusform>
            <numerusform>Se ofrece para los periodos que publica el condado: trimestres y años, %n días después de que terminan.</numerusform>
        </translation>
    </message>
    <message>
        <source>Inside the county: any quarter or year so far, every count shown.</source>
        <translation>Dentro del condado: cualquier trimestre o año hasta ahora, con todas las cifras.</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Período:</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Formato:</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return screening</source>
        <translation>Devolver evaluación</translation>
    </message>
    <message>
        <source>Screening being returned</source>
        <translation>Evaluación que se devuelve</translation>
    </message>
    <message>
        <source>What needs &amp;correcting? The caseworker sees this comment.</source>
        <translation>¿Qué hay que &amp;corregir? El trabajador social verá este comentario.</translation>
    </message>
    <message>
        <source>Comment for the caseworker</source>
        <translation>Comentario para el trabajador social</translation>
    </message>
    <message>
        <source>&amp;Return</source>
        <translation>&amp;Devolver</translation>
    </message>
</context>
<context>
    <name>ReviewChanges</name>
    <message>
        <source>Before entering care</source>
        <translation>Antes de entrar en cuidado</translation>
    </message>
    <message>
        <source>While in care</source>
        <translation>Durante el cuidado</translation>
    </message>
    <message>
        <source>While absent from placement</source>
        <translation>Durante una ausencia de la colocación</translation>
    </message>
    <message>
        <source>Not known</source>
        <translation>No se sabe</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Risk level</source>
        <translation>Nivel de riesgo</translation>
    </message>
    <message>
        <source>Reason for a different category</source>
        <translation>Motivo de una categoría diferente</translation>
    </message>
    <message>
        <source>When the exploitation happened</source>
        <translation>Cuándo ocurrió la explotación</translation>
    </message>
    <message>
        <source>Determination</source>
        <translation>Determinación</translation>
    </message>
    <message>
        <source>An answer</source>
        <translation>Una respuesta</translation>
    </message>
    <message>
        <source>(answered)</source>
        <translation>(respondida)</translation>
    </message>
    <message>
        <source>Eligibility</source>
        <translation>Elegibilidad</translation>
    </message>
    <message>
        <source>(changed)</source>
        <translation>(cambió)</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Review</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <source>Screenings to review</source>
        <translation>Evaluaciones por revisar</translation>
    </message>
    <message>
        <source>Review status</source>
        <translation>Estado de la revisión</translation>
    </message>
    <message>
        <source>S&amp;ync reviews</source>
        <translation>Sincronizar re&amp;visiones</translation>
    </message>
    <message>
        <source>Sync reviews</source>
        <translation>Sincronizar revisiones</translation>
    </message>
    <message>
        <source>Filter by caseworker</source>
        <translation>Filtrar por trabajador social</translation>
    </message>
    <message>
        <source>Filter by category</source>
        <translation>Filtrar por categoría</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Todas las categorías</translation>
    </message>
    <message>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <source>Waiting at least, in days</source>
        <translation>Espera mínima, en días</translation>
    </message>
    <message>
        <source>&amp;Caseworker:</source>
        <translation>&amp;Trabajador social:</translation>
    </message>
    <message>
        <source>C&amp;ategory:</source>
        <translation>C&amp;ategoría:</translation>
    </message>
    <message>
        <source>&amp;Waiting at least:</source>
        <translation>&amp;Espera mínima:</translation>
    </message>
    <message>
        <source>Screenings awaiting review</source>
        <translation>Evaluaciones en espera de revisión</translation>
    </message>
    <message>
        <source>Screening under review</source>
        <translation>Evaluación en revisión</translation>
    </message>
    <message>
        <source>Choose a screening to read it.</source>
        <translation>Elija una evaluación para leerla.</translation>
    </message>
    <message>
        <source>A&amp;pprove…</source>
        <translation>A&amp;probar…</translation>
    </message>
    <message>
        <source>&amp;Return…</source>
        <translation>&amp;Devolver…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>Guardar como P&amp;DF…</translation>
    </message>
    <message>
        <source>Not synced yet: sync to fetch your team&apos;s screenings.</source>
        <translation>Aún sin sincronizar: sincronice para obtener las evaluaciones de su equipo.</translation>
    </message>
    <message numerus="yes">
        <source>%n screening(s) listed</source>
        <translation>
            <numerusform>%n evaluación en la lista</numerusform>
            <numerusform>%n evaluaciones en la lista</numerusform>
        </translation>
    </message>
    <message>
        <source>fetched %1</source>
        <translation>obtenidas el %1</translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) waiting to sync</source>
        <translation>
            <numerusform>%n decisión pendiente de sincronizar</numerusform>
            <numerusform>%n decisiones pendientes de sincronizar</numerusform>
        </translation>
    </message>
    <message>
        <source>All caseworkers</source>
        <translation>Todos los trabajadores sociales</translation>
    </message>
    <message>
        <source>Sync to fetch this screening.</source>
        <translation>Sincronice para obtener esta evaluación.</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Aprobar</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Devolver</translation>
    </message>
    <message>
        <source>Approve version %1</source>
        <translation>Aprobar la versión %1</translation>
    </message>
    <message>
        <source>Return version %1</source>
        <translation>Devolver la versión %1</translation>
    </message>
    <message>
        <source>A&amp;pprove version %1…</source>
        <translation>A&amp;probar la versión %1…</translation>
    </message>
    <message>
        <source>&amp;Return version %1…</source>
        <translation>&amp;Devolver la versión %1…</translation>
    </message>
    <message>
        <source>Version %1 of the screening of %2 by %3, submitted %4.</source>
        <translation>Versión %1 de la evaluación del %2 hecha por %3, enviada el %4.</translation>
    </message>
    <message>
        <source>Submitted by %1 · version %2</source>
        <translation>Enviada por %1 · versión %2</translation>
    </message>
    <message>
        <source>You approved this screening; the decision waits for the next sync.</source>
        <translation>Usted aprobó esta evaluación; la decisión espera la próxima sincronización.</translation>
    </message>
    <message>
        <source>You returned this screening; the decision waits for the next sync.</source>
        <translation>Usted devolvió esta evaluación; la decisión espera la próxima sincronización.</translation>
    </message>
    <message>
        <source>Changed since you returned version %1</source>
        <translation>Cambios desde que devolvió la versión %1</translation>
    </message>
    <message>
        <source>Your comment: %1</source>
        <translation>Su comentario: %1</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Antes</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Ahora</translation>
    </message>
    <message>
        <source>Nothing changed in the answers.</source>
        <translation>No cambió nada en las respuestas.</translation>
    </message>
    <message>
        <source>Approve screening</source>
        <translation>Aprobar la evaluación</translation>
    </message>
    <message>
        <source>Approving makes this version final: after that it can only be corrected by an addendum, which comes back to you for review.</source>
        <translation>Al aprobarla, esta versión queda definitiva: después solo se puede corregir con un anexo, que vuelve a usted para su revisión.</translation>
    </message>
    <message>
        <source>&amp;Approve version %1</source>
        <translation>&amp;Aprobar la versión %1</translation>
    </message>
    <message>
        <source>Not decided: a newer version (%1) of this screening arrived while you were reading version %2. Read it again, then decide.</source>
        <translation>No se decidió: llegó una versión más reciente (%1) de esta evaluación mientras usted leía la versión %2. Léala de nuevo y luego decida.</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Guardado: %1</translation>
    </message>
    <message>
        <source>The server refused a decision: %1</source>
        <translation>El servidor rechazó una decisión: %1</translation>
    </message>
    <message>
        <source>Offline: decisions wait on this device until the next sync.</source>
        <translation>Sin conexión: las decisiones esperan en este equipo hasta la próxima sincronización.</translation>
    </message>
</context>
<context>
    <name>ReviewQueue</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n día</numerusform>
            <numerusform>%n días</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hora</numerusform>
            <numerusform>%n horas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewQueueModel</name>
    <message>
        <source>Waiting</source>
        <translation>En espera</translation>
    </message>
    <message>
        <source>Caseworker</source>
        <translation>Trabajador social</translation>
    </message>
    <message>
        <source>Screening date</source>
        <translation>Fecha de la evaluación</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Riesgo</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Approved — waiting to sync</source>
        <translation>Aprobada — pendiente de sincronizar</translation>
    </message>
    <message>
        <source>Returned — waiting to sync</source>
        <translation>Devuelta — pendiente de sincronizar</translation>
    </message>
    <message>
        <source>Resubmitted after return</source>
        <translation>Reenviada tras la devolución</translation>
    </message>
    <message>
        <source>Not on this device yet</source>
        <translation>Aún no está en este equipo</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nueva</translation>
    </message>
</context>
<context>
    <name>ScreeningLabels</name>
    <message>
        <source>No concern</source>
        <translation>Sin preocupación</translation>
    </message>
    <message>
        <source>Possible concern</source>
        <translation>Preocupación posible</translation>
    </message>
    <message>
        <source>Clear concern</source>
        <translation>Preocupación clara</translation>
    </message>
    <message>
        <source>Victim before entering care</source>
        <translation>Víctima antes de entrar al cuidado</translation>
    </message>
    <message>
        <source>Victim while in care</source>
        <translation>Víctima durante el cuidado</translation>
    </message>
    <message>
        <source>Victim while absent from placement</source>
        <translation>Víctima mientras estaba ausente de la colocación</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>En riesgo</translation>
    </message>
    <message>
        <source>Not identified</source>
        <translation>No identificado</translation>
    </message>
    <message>
        <source>Labor trafficking: identified victim</source>
        <translation>Trata laboral: víctima identificada</translation>
    </message>
    <message>
        <source>Labor trafficking: at risk</source>
        <translation>Trata laboral: en riesgo</translation>
    </message>
    <message>
        <source>Labor trafficking: not identified</source>
        <translation>Trata laboral: no identificado</translation>
    </message>
    <message>
        <source>Dependent (W&amp;IC 300)</source>
        <translation>Dependiente (W&amp;IC 300)</translation>
    </message>
    <message>
        <source>Ward (W&amp;IC 602)</source>
        <translation>Bajo tutela (W&amp;IC 602)</translation>
    </message>
    <message>
        <source>Dual status</source>
        <translation>Doble condición</translation>
    </message>
    <message>
        <source>Not under the court&apos;s jurisdiction</source>
        <translation>No está bajo la jurisdicción del tribunal</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>No registrado</translation>
    </message>
    <message>
        <source>Yes: the answers support it</source>
        <translation>Sí: las respuestas lo respaldan</translation>
    </message>
    <message>
        <source>No: the answers do not support it</source>
        <translation>No: las respuestas no lo respaldan</translation>
    </message>
    <message>
        <source>Not known yet</source>
        <translation>Aún no se sabe</translation>
    </message>
    <message>
        <source>Routine screening</source>
        <translation>Evaluación de rutina</translation>
    </message>
    <message>
        <source>New placement</source>
        <translation>Nueva colocación</translation>
    </message>
    <message>
        <source>Return from missing</source>
        <translation>Regreso tras ausencia</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>Remisión</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Enviada</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Aprobada</translation>
    </message>
    <message>
        <source>Returned for changes</source>
        <translation>Devuelta para cambios</translation>
    </message>
    <message>
        <source>Resubmitted</source>
        <translation>Reenviada</translation>
    </message>
    <message>
        <source>Discarded</source>
        <translation>Descartada</translation>
    </message>
    <message>
        <source>Report the identified victim to law enforcement</source>
        <translation>Informar a la policía sobre la víctima identificada</translation>
    </message>
    <message>
        <source>Document the CSEC status in CWS/CMS</source>
        <translation>Documentar el estado CSEC en CWS/CMS</translation>
    </message>
    <message>
        <source>Refer to the multidisciplinary team (MDT)</source>
        <translation>Remitir al equipo multidisciplinario (MDT)</translation>
    </message>
    <message>
        <source>Report the missing youth to law enforcement and NCMEC</source>
        <translation>Informar a la policía y al NCMEC sobre el joven ausente</translation>
    </message>
    <message>
        <source>Report the missing youth to NCMEC</source>
        <translation>Informar al NCMEC sobre el o la joven desaparecido</translation>
    </message>
    <message>
        <source>Screen the youth who returned</source>
        <translation>Evaluar al joven que regresó</translation>
    </message>
    <message>
        <source>Report the labor trafficking to law enforcement</source>
        <translation>Informar la trata laboral a las fuerzas del orden</translation>
    </message>
    <message>
        <source>Follow up the labor trafficking (county protocol)</source>
        <translation>Dar seguimiento a la trata laboral (protocolo del condado)</translation>
    </message>
</context>
<context>
    <name>ScreeningPdf</name>
    <message>
        <source>[Confidential — left out of this copy]</source>
        <translation>[Confidencial — omitido en esta copia]</translation>
    </message>
    <message>
        <source>(no answer)</source>
        <translation>(sin respuesta)</translation>
    </message>
    <message>
        <source>Declined to answer</source>
        <translation>Prefirió no responder</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Se desconoce</translation>
    </message>
    <message>
        <source>No concern</source>
        <translation>Sin preocupación</translation>
    </message>
    <message>
        <source>Possible concern</source>
        <translation>Posible preocupación</translation>
    </message>
    <message>
        <source>Clear concern</source>
        <translation>Preocupación clara</translation>
    </message>
    <message>
        <source>CSEC screening</source>
        <translation>Evaluación CSEC</translation>
    </message>
    <message>
        <source>Youth</source>
        <translation>Joven</translation>
    </message>
    <message>
        <source>(not shown)</source>
        <translation>(no se muestra)</translation>
    </message>
    <message>
        <source>Screening date</source>
        <translation>Fecha de la evaluación</translation>
    </message>
    <message>
        <source>Screener</source>
        <translation>Evaluador</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrumento</translation>
    </message>
    <message>
        <source>Confidential answers, notes and evidence are left out of this copy. Print again and include them only where the case file needs them.</source>
        <translation>Las respuestas confidenciales, las notas y la evidencia se omiten en esta copia. Vuelva a imprimir e inclúyalas solo cuando el expediente lo requiera.</translation>
    </message>
    <message>
        <source>Determination</source>
        <translation>Determinación</translation>
    </message>
    <message>
        <source>CSEC category</source>
        <translation>Categoría CSEC</translation>
    </message>
    <message>
        <source>Risk level</source>
        <translation>Nivel de riesgo</translation>
    </message>
    <message>
        <source>The agency learned of it</source>
        <translation>La agencia lo supo</translation>
    </message>
    <message>
        <source>Confirmed by</source>
        <translation>Confirmada por</translation>
    </message>
    <message>
        <source>Confirmed at</source>
        <translation>Confirmada el</translation>
    </message>
    <message>
        <source>Reason for a different category</source>
        <translation>Motivo de una categoría distinta</translation>
    </message>
    <message>
        <source>The screener&apos;s evidence</source>
        <translation>Evidencia de quien evalúa</translation>
    </message>
    <message>
        <source>Follow-up obligations</source>
        <translation>Obligaciones de seguimiento</translation>
    </message>
    <message>
        <source>due %1</source>
        <translation>vence el %1</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Por qué</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Respuestas</translation>
    </message>
    <message>
        <source>Eligibility for CSEC services</source>
        <translation>Elegibilidad para los servicios CSEC</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Save screening as PDF</source>
        <translation>Guardar evaluación como PDF</translation>
    </message>
</context>
<context>
    <name>ScreeningWizard</name>
    <message>
        <source>Screening</source>
        <translation>Evaluación</translation>
    </message>
    <message>
        <source>All answers saved</source>
        <translation>Todas las respuestas guardadas</translation>
    </message>
    <message>
        <source>%1 (version %2)</source>
        <translation>%1 (versión %2)</translation>
    </message>
    <message>
        <source>Addendum to an approved screening</source>
        <translation>Adenda de una evaluación aprobada</translation>
    </message>
    <message>
        <source>About this screening</source>
        <translation>Acerca de esta evaluación</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <source>Returned by your supervisor on %1 with this comment: %2
Change what is needed, then submit it again.</source>
        <translation>Su supervisor la devolvió el %1 con este comentario: %2
Cambie lo necesario y vuelva a enviarla.</translation>
    </message>
    <message>
        <source>Approved: this screening is final and cannot be changed. Use Amend… to start an addendum that corrects or adds to it.</source>
        <translation>Aprobada: esta evaluación es definitiva y no se puede cambiar. Use Enmendar… para empezar una adenda que la corrija o complete.</translation>
    </message>
    <message>
        <source>Submitted for supervisor review: it cannot be changed until it is returned.</source>
        <translation>Enviada para revisión del supervisor: no se puede cambiar hasta que se la devuelvan.</translation>
    </message>
    <message>
        <source>Sections of the screening</source>
        <translation>Secciones de la evaluación</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <source>Required questions answered</source>
        <translation>Preguntas obligatorias respondidas</translation>
    </message>
    <message>
        <source>Save status</source>
        <translation>Estado del guardado</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Atrás</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>Si&amp;guiente</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <source>&amp;Submit</source>
        <translation>&amp;Enviar</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Submit for supervisor review (Ctrl+Enter)</source>
        <translation>Enviar para revisión del supervisor (Ctrl+Intro)</translation>
    </message>
    <message>
        <source>&amp;Amend…</source>
        <translation>E&amp;nmendar…</translation>
    </message>
    <message>
        <source>Amend</source>
        <translation>Enmendar</translation>
    </message>
    <message>
        <source>Start an addendum to this approved screening</source>
        <translation>Empezar una adenda de esta evaluación aprobada</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Section %1 of %2</source>
        <translation>Sección %1 de %2</translation>
    </message>
    <message>
        <source>Unsaved changes…</source>
        <translation>Cambios sin guardar…</translation>
    </message>
    <message>
        <source>%1 (not needed)</source>
        <translation>%1 (no hace falta)</translation>
    </message>
    <message>
        <source>%1 of %2 sections done</source>
        <translation>%1 de %2 secciones terminadas</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Saved at %1</source>
        <translation>Guardado a las %1</translation>
    </message>
    <message>
        <source>Not saved: %1 Your answers are kept on screen; saving again shortly.</source>
        <translation>No se guardó: %1 Sus respuestas siguen en pantalla; se volverá a guardar en breve.</translation>
    </message>
    <message>
        <source>Read only</source>
        <translation>Solo lectura</translation>
    </message>
    <message>
        <source>Not submitted: answer the required questions listed above first.</source>
        <translation>No se envió: primero responda las preguntas obligatorias indicadas arriba.</translation>
    </message>
    <message>
        <source>The summary is still being worked out; try again.</source>
        <translation>El resumen aún se está calculando; inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>Not submitted: you chose a category other than the proposed one. Write the reason for your choice.</source>
        <translation>No se envió: eligió una categoría distinta de la propuesta. Escriba el motivo de su elección.</translation>
    </message>
    <message>
        <source>Not submitted: say whether this is the same incident as the earlier identification or a new one.</source>
        <translation>No se envió: indique si es el mismo incidente que la identificación anterior o uno nuevo.</translation>
    </message>
    <message>
        <source>Submitting…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <source>%1 — due %2</source>
        <translation>%1 — vence %2</translation>
    </message>
    <message>
        <source>Submitted for supervisor review.</source>
        <translation>Enviada para revisión del supervisor.</translation>
    </message>
    <message>
        <source>Obligations created (see Obligations):</source>
        <translation>Obligaciones creadas (vea Obligaciones):</translation>
    </message>
    <message>
        <source>Not submitted: %1</source>
        <translation>No se envió: %1</translation>
    </message>
    <message>
        <source>The addendum was not started: %1</source>
        <translation>No se empezó la adenda: %1</translation>
    </message>
</context>
<context>
    <name>ScreeningsPanel</name>
    <message>
        <source>Screenings</source>
        <translation>Evaluaciones</translation>
    </message>
    <message>
        <source>Screening in progress</source>
        <translation>Evaluación en curso</translation>
    </message>
    <message>
        <source>Res&amp;ume screening</source>
        <translation>Re&amp;anudar evaluación</translation>
    </message>
    <message>
        <source>Resume screening</source>
        <translation>Reanudar evaluación</translation>
    </message>
    <message>
        <source>Screenings of this youth</source>
        <translation>Evaluaciones de este joven</translation>
    </message>
    <message>
        <source>Start &amp;screening…</source>
        <translation>Empezar &amp;evaluación…</translation>
    </message>
    <message>
        <source>Start screening</source>
        <translation>Empezar evaluación</translation>
    </message>
    <message>
        <source>&amp;Open screening</source>
        <translation>&amp;Abrir evaluación</translation>
    </message>
    <message>
        <source>Open screening</source>
        <translation>Abrir evaluación</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>Guardar como P&amp;DF…</translation>
    </message>
    <message>
        <source>Save screening as PDF</source>
        <translation>Guardar evaluación como PDF</translation>
    </message>
    <message>
        <source>Disca&amp;rd draft…</source>
        <translation>Desca&amp;rtar borrador…</translation>
    </message>
    <message>
        <source>Discard the selected draft screening</source>
        <translation>Descartar el borrador de evaluación seleccionado</translation>
    </message>
    <message>
        <source>Screening message</source>
        <translation>Mensaje de evaluación</translation>
    </message>
    <message>
        <source>addendum</source>
        <translation>adenda</translation>
    </message>
    <message>
        <source>A screening was returned by your supervisor with a comment. Open it to make the changes and submit it again.</source>
        <translation>Su supervisor devolvió una evaluación con un comentario. Ábrala para hacer los cambios y vuelva a enviarla.</translation>
    </message>
    <message>
        <source>A screening started on %1 is not finished. Its answers are saved: resume it to continue where you left off.</source>
        <translation>Una evaluación empezada el %1 no está terminada. Sus respuestas están guardadas: reanúdela para seguir donde la dejó.</translation>
    </message>
    <message>
        <source>Discard draft</source>
        <translation>Descartar borrador</translation>
    </message>
    <message>
        <source>Discard the draft screening started on %1? It is kept, read only and marked discarded (never deleted), and no longer waits to be finished.</source>
        <translation>¿Descartar el borrador de evaluación iniciado el %1? Se conserva, de solo lectura y marcado como descartado (nunca se borra), y ya no espera a que se termine.</translation>
    </message>
    <message>
        <source>&amp;Discard draft</source>
        <translation>&amp;Descartar borrador</translation>
    </message>
    <message>
        <source>&amp;Keep it</source>
        <translation>&amp;Conservarlo</translation>
    </message>
    <message>
        <source>Draft discarded.</source>
        <translation>Borrador descartado.</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Guardado: %1</translation>
    </message>
    <message>
        <source>This youth has a screening that is not finished (started %1). Resume it, or start a new one?</source>
        <translation>Este joven tiene una evaluación sin terminar (empezada el %1). ¿Reanudarla o empezar una nueva?</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Reanudar</translation>
    </message>
    <message>
        <source>Start &amp;new</source>
        <translation>Empezar &amp;nueva</translation>
    </message>
    <message>
        <source>This screening follows the youth&apos;s return from a missing-from-care episode and is linked to it. Submitting it marks the return screening done.</source>
        <translation>Esta evaluación sigue al regreso del joven tras una ausencia del cuidado y queda vinculada a ella. Al enviarla se marca como hecha la evaluación de regreso.</translation>
    </message>
</context>
<context>
    <name>SectionPage</name>
    <message>
        <source>In law: %1</source>
        <translation>En la ley: %1</translation>
    </message>
</context>
<context>
    <name>SessionEditor</name>
    <message>
        <source>Edit education session</source>
        <translation>Editar sesión educativa</translation>
    </message>
    <message>
        <source>Log education session</source>
        <translation>Registrar sesión educativa</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Session date</source>
        <translation>Fecha de la sesión</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minutos</translation>
    </message>
    <message>
        <source>Curriculum</source>
        <translation>Currículo</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>Módulo</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>Público</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Lugar</translation>
    </message>
    <message>
        <source>Facilitators</source>
        <translation>Facilitadores</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Temas</translation>
    </message>
    <message>
        <source>Youth attending</source>
        <translation>Jóvenes que asisten</translation>
    </message>
    <message>
        <source>Anonymous attendees</source>
        <translation>Asistentes anónimos</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>Asistentes</translation>
    </message>
    <message>
        <source>Choose who attended.</source>
        <translation>Elija quién asistió.</translation>
    </message>
    <message>
        <source>Choose where the session took place.</source>
        <translation>Elija dónde se realizó la sesión.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>A youth no longer in this vault</source>
        <translation>Un joven que ya no está en esta bóveda</translation>
    </message>
    <message>
        <source>No youth found.</source>
        <translation>No se encontraron jóvenes.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Lock after this many idle minutes</source>
        <translation>Bloquear después de estos minutos de inactividad</translation>
    </message>
    <message>
        <source>&amp;Lock after idle</source>
        <translation>&amp;Bloquear tras inactividad</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Lan&amp;guage</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>&amp;Save settings</source>
        <translation>&amp;Guardar configuración</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>Guardar configuración</translation>
    </message>
    <message>
        <source>Settings status</source>
        <translation>Estado de la configuración</translation>
    </message>
    <message>
        <source>County server</source>
        <translation>Servidor del condado</translation>
    </message>
    <message>
        <source>Checking whether this laptop is enrolled…</source>
        <translation>Comprobando si esta computadora está inscrita…</translation>
    </message>
    <message>
        <source>Enrollment</source>
        <translation>Inscripción</translation>
    </message>
    <message>
        <source>&amp;Enroll this laptop…</source>
        <translation>&amp;Inscribir esta computadora…</translation>
    </message>
    <message>
        <source>Enroll this laptop with the county server</source>
        <translation>Inscribir esta computadora en el servidor del condado</translation>
    </message>
    <message>
        <source>This laptop is enrolled with the county server. See Sync for details.</source>
        <translation>Esta computadora está inscrita en el servidor del condado. Vea Sincronización para más detalles.</translation>
    </message>
    <message>
        <source>Standalone: this laptop is not enrolled with a county server, so nothing on it is backed up or reviewed. Enrolling is recommended; county IT gives you a one-time code.</source>
        <translation>Independiente: esta computadora no está inscrita en un servidor del condado, así que nada de lo que contiene tiene copia de seguridad ni se revisa. Se recomienda inscribirla; el departamento de TI del condado le da un código de un solo uso.</translation>
    </message>
    <message>
        <source>Contacting the county server…</source>
        <translation>Conectando con el servidor del condado…</translation>
    </message>
    <message>
        <source>Enrolled. The first sync starts now.</source>
        <translation>Inscrita. La primera sincronización empieza ahora.</translation>
    </message>
    <message>
        <source>Nothing was changed; you can try again.</source>
        <translation>No se cambió nada; puede intentarlo de nuevo.</translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation>Cambiar la frase de contraseña</translation>
    </message>
    <message>
        <source>C&amp;urrent passphrase</source>
        <translation>Frase de contraseña a&amp;ctual</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>Frase de contraseña actual</translation>
    </message>
    <message>
        <source>&amp;New passphrase</source>
        <translation>&amp;Nueva frase de contraseña</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Nueva frase de contraseña</translation>
    </message>
    <message>
        <source>Con&amp;firm new passphrase</source>
        <translation>Con&amp;firmar la nueva frase de contraseña</translation>
    </message>
    <message>
        <source>Confirm new passphrase</source>
        <translation>Confirmar la nueva frase de contraseña</translation>
    </message>
    <message>
        <source>S&amp;how passphrases</source>
        <translation>Mos&amp;trar frases de contraseña</translation>
    </message>
    <message>
        <source>Show passphrases</source>
        <translation>Mostrar frases de contraseña</translation>
    </message>
    <message>
        <source>Passphrase guidance</source>
        <translation>Orientación sobre la frase de contraseña</translation>
    </message>
    <message>
        <source>Change &amp;passphrase</source>
        <translation>Cambiar la &amp;frase de contraseña</translation>
    </message>
    <message>
        <source>Passphrase change status</source>
        <translation>Estado del cambio de frase de contraseña</translation>
    </message>
    <message>
        <source>Enter your current passphrase.</source>
        <translation>Escriba su frase de contraseña actual.</translation>
    </message>
    <message numerus="yes">
        <source>Use at least %n character(s). A short sentence only you would think of is ideal.</source>
        <translation>
            <numerusform>Use al menos %n carácter. Lo ideal es una frase corta que solo a usted se le ocurriría.</numerusform>
            <numerusform>Use al menos %n caracteres. Lo ideal es una frase corta que solo a usted se le ocurriría.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The new passphrase is too short, too repetitive or too common: use at least %n character(s), a few ordinary words work well.</source>
        <translation>
            <numerusform>La nueva frase de contraseña es demasiado corta, repetitiva o común: use al menos %n carácter; unas cuantas palabras comunes funcionan bien.</numerusform>
            <numerusform>La nueva frase de contraseña es demasiado corta, repetitiva o común: use al menos %n caracteres; unas cuantas palabras comunes funcionan bien.</numerusform>
        </translation>
    </message>
    <message>
        <source>The new passphrase is the same as the current one.</source>
        <translation>La nueva frase de contraseña es igual a la actual.</translation>
    </message>
    <message>
        <source>The two new passphrases do not match yet.</source>
        <translation>Las dos frases de contraseña nuevas todavía no coinciden.</translation>
    </message>
    <message>
        <source>Changing the passphrase…</source>
        <translation>Cambiando la frase de contraseña…</translation>
    </message>
    <message>
        <source>Passphrase changed. Use the new one the next time you unlock.</source>
        <translation>Frase de contraseña cambiada. Use la nueva la próxima vez que desbloquee.</translation>
    </message>
    <message>
        <source>The current passphrase is not correct. Nothing was changed.</source>
        <translation>La frase de contraseña actual no es correcta. No se cambió nada.</translation>
    </message>
    <message>
        <source>The passphrase was not changed.</source>
        <translation>La frase de contraseña no se cambió.</translation>
    </message>
    <message>
        <source>Set by your county (machine configuration)</source>
        <translation>Establecido por su condado (configuración del equipo)</translation>
    </message>
    <message>
        <source>Locked by the county</source>
        <translation>Bloqueado por el condado</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
</context>
<context>
    <name>StartScreeningDialog</name>
    <message>
        <source>Start screening</source>
        <translation>Empezar evaluación</translation>
    </message>
    <message>
        <source>%1 (version %2)</source>
        <translation>%1 (versión %2)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Empezar</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Empezar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>No screening instrument is installed.</source>
        <translation>No hay ningún instrumento de evaluación instalado.</translation>
    </message>
</context>
<context>
    <name>StartScreeningForm</name>
    <message>
        <source>Start screening</source>
        <translation>Empezar evaluación</translation>
    </message>
    <message>
        <source>Choose the screening instrument and why you are screening now. The screening is saved as a draft as you answer.</source>
        <translation>Elija el instrumento de evaluación y el motivo de evaluar ahora. La evaluación se guarda como borrador mientras responde.</translation>
    </message>
    <message>
        <source>About starting a screening</source>
        <translation>Acerca de empezar una evaluación</translation>
    </message>
    <message>
        <source>&amp;Instrument *</source>
        <translation>&amp;Instrumento *</translation>
    </message>
    <message>
        <source>Instrument (required)</source>
        <translation>Instrumento (obligatorio)</translation>
    </message>
    <message>
        <source>&amp;Reason *</source>
        <translation>&amp;Motivo *</translation>
    </message>
    <message>
        <source>Reason for screening (required)</source>
        <translation>Motivo de la evaluación (obligatorio)</translation>
    </message>
    <message>
        <source>About this instrument</source>
        <translation>Acerca de este instrumento</translation>
    </message>
    <message>
        <source>Missing-from-care episode</source>
        <translation>Episodio de ausencia del cuidado</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Summary</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <source>What submitting creates</source>
        <translation>Lo que crea el envío</translation>
    </message>
    <message>
        <source>Submitting creates:</source>
        <translation>Al enviar se crea:</translation>
    </message>
    <message>
        <source>About this instrument</source>
        <translation>Acerca de este instrumento</translation>
    </message>
    <message>
        <source>Required questions still to answer</source>
        <translation>Preguntas obligatorias sin responder</translation>
    </message>
    <message>
        <source>Risk level</source>
        <translation>Nivel de riesgo</translation>
    </message>
    <message>
        <source>Risk level:</source>
        <translation>Nivel de riesgo:</translation>
    </message>
    <message>
        <source>Proposed CSEC category</source>
        <translation>Categoría CSEC propuesta</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Por qué</translation>
    </message>
    <message>
        <source>Your determination</source>
        <translation>Su determinación</translation>
    </message>
    <message>
        <source>CSEC category you confirm</source>
        <translation>Categoría CSEC que usted confirma</translation>
    </message>
    <message>
        <source>C&amp;ategory:</source>
        <translation>C&amp;ategoría:</translation>
    </message>
    <message>
        <source>Reason for choosing another category</source>
        <translation>Motivo para elegir otra categoría</translation>
    </message>
    <message>
        <source>&amp;Reason *:</source>
        <translation>&amp;Motivo *:</translation>
    </message>
    <message>
        <source>You chose a category other than the proposed one: write why. The reason is kept with the screening for your supervisor.</source>
        <translation>Eligió una categoría distinta de la propuesta: escriba por qué. El motivo se guarda con la evaluación para su supervisor.</translation>
    </message>
    <message>
        <source>Proposed: %1</source>
        <translation>Propuesta: %1</translation>
    </message>
    <message>
        <source>When the exploitation happened was assumed; check it before confirming.</source>
        <translation>Se supuso cuándo ocurrió la explotación; revíselo antes de confirmar.</translation>
    </message>
    <message>
        <source>Identified before: this screening confirms that identification, no new report.</source>
        <translation>Identificado antes: esta evaluación confirma esa identificación, sin nuevo informe.</translation>
    </message>
    <message>
        <source>A new incident since the last report: a new report is owed.</source>
        <translation>Un incidente nuevo desde el último informe: se debe un nuevo informe.</translation>
    </message>
    <message>
        <source>See the youth&apos;s obligations.</source>
        <translation>Vea las obligaciones del o de la joven.</translation>
    </message>
    <message numerus="yes">
        <source>Submitting is blocked: %n required question(s) still to answer. Choose one to go to it.</source>
        <translation>
            <numerusform>No se puede enviar: falta responder %n pregunta obligatoria. Elíjala para ir a ella.</numerusform>
            <numerusform>No se puede enviar: falta responder %n preguntas obligatorias. Elija una para ir a ella.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every required question is answered.</source>
        <translation>Todas las preguntas obligatorias están respondidas.</translation>
    </message>
    <message>
        <source>This screening was submitted; its determination is shown as confirmed.</source>
        <translation>Esta evaluación se envió; su determinación se muestra tal como se confirmó.</translation>
    </message>
    <message>
        <source>%1 — due %2 (%3)</source>
        <translation>%1 — vence %2 (%3)</translation>
    </message>
    <message>
        <source>(already created by an earlier submission)</source>
        <translation>(ya creada por un envío anterior)</translation>
    </message>
    <message>
        <source>None: this category creates no obligations.</source>
        <translation>Ninguna: esta categoría no crea obligaciones.</translation>
    </message>
</context>
<context>
    <name>SupervisorSections</name>
    <message>
        <source>Review</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <source>Team dashboard</source>
        <translation>Panel del equipo</translation>
    </message>
    <message>
        <source>Team caseload</source>
        <translation>Carga de casos del equipo</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>Sync status</source>
        <translation>Estado de sincronización</translation>
    </message>
    <message>
        <source>Standalone: not enrolled with a county server</source>
        <translation>Independiente: no inscrita en un servidor del condado</translation>
    </message>
    <message>
        <source>This laptop was revoked</source>
        <translation>Esta computadora fue revocada</translation>
    </message>
    <message>
        <source>Restoring %1 of %2 records…</source>
        <translation>Restaurando %1 de %2 registros…</translation>
    </message>
    <message>
        <source>Receiving %1 of %2 records…</source>
        <translation>Recibiendo %1 de %2 registros…</translation>
    </message>
    <message>
        <source>Syncing %1 of %2…</source>
        <translation>Sincronizando %1 de %2…</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <source>Offline: sync failed — retry</source>
        <translation>Sin conexión: la sincronización falló — reintentar</translation>
    </message>
    <message>
        <source>Sync failed — retry</source>
        <translation>La sincronización falló — reintentar</translation>
    </message>
    <message numerus="yes">
        <source>%n pending</source>
        <translation>
            <numerusform>%n pendiente</numerusform>
            <numerusform>%n pendientes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n need(s) attention</source>
        <translation>
            <numerusform>%n requiere atención</numerusform>
            <numerusform>%n requieren atención</numerusform>
        </translation>
    </message>
    <message>
        <source>last synced at %1</source>
        <translation>última sincronización a las %1</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>nunca sincronizada</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Solo lectura</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <source>Sync now (Ctrl+Shift+S)</source>
        <translation>Sincronizar ahora (Ctrl+Mayús+S)</translation>
    </message>
</context>
<context>
    <name>SyncLabels</name>
    <message>
        <source>Youth</source>
        <translation>Joven</translation>
    </message>
    <message>
        <source>Screening</source>
        <translation>Evaluación</translation>
    </message>
    <message>
        <source>Supervisor review</source>
        <translation>Revisión del supervisor</translation>
    </message>
    <message>
        <source>Obligation</source>
        <translation>Obligación</translation>
    </message>
    <message>
        <source>Missing-from-care episode</source>
        <translation>Episodio de ausencia del cuidado</translation>
    </message>
    <message>
        <source>Education session</source>
        <translation>Sesión educativa</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Capacitación</translation>
    </message>
</context>
<context>
    <name>SyncMessages</name>
    <message>
        <source>County IT revoked this laptop. Its vault keys were destroyed, so the records on it can no longer be opened by anyone. Anything already synced is safe on the county server. Ask county IT for a new enrollment code to set this laptop up again.</source>
        <translation>El departamento de TI del condado revocó esta computadora. Las claves de su bóveda fueron destruidas, así que nadie puede volver a abrir los registros que contenía. Lo que ya se sincronizó está a salvo en el servidor del condado. Pida al departamento de TI un nuevo código de inscripción para volver a configurar esta computadora.</translation>
    </message>
    <message>
        <source>The county server&apos;s certificate is not trusted by this laptop, so nothing was sent. Contact county IT.</source>
        <translation>Esta computadora no confía en el certificado del servidor del condado, así que no se envió nada. Comuníquese con el departamento de TI del condado.</translation>
    </message>
    <message>
        <source>The county server&apos;s address does not start with https://, so nothing was sent: records travel only encrypted. Contact county IT.</source>
        <translation>La dirección del servidor del condado no empieza con https://, así que no se envió nada: los registros solo viajan cifrados. Comuníquese con el departamento de TI del condado.</translation>
    </message>
    <message>
        <source>The county server cannot be reached. Check the network connection; your records stay on this laptop and are sent at the next sync.</source>
        <translation>No se puede conectar con el servidor del condado. Revise la conexión de red; sus registros permanecen en esta computadora y se envían en la próxima sincronización.</translation>
    </message>
    <message>
        <source>The county server did not accept the code or this laptop&apos;s credentials. A code can be used once and expires after 24 hours: ask county IT for a new one.</source>
        <translation>El servidor del condado no aceptó el código ni las credenciales de esta computadora. Un código se usa una sola vez y vence a las 24 horas: pida uno nuevo al departamento de TI del condado.</translation>
    </message>
    <message>
        <source>The county server refused the request: {reason}</source>
        <translation>El servidor del condado rechazó la solicitud: {reason}</translation>
    </message>
    <message>
        <source>Sync was cancelled. Nothing unsent was lost.</source>
        <translation>Se canceló la sincronización. No se perdió nada sin enviar.</translation>
    </message>
    <message>
        <source>Sync stopped to protect your records: {reason}</source>
        <translation>La sincronización se detuvo para proteger sus registros: {reason}</translation>
    </message>
    <message>
        <source>This vault is already enrolled with a county server.</source>
        <translation>Esta bóveda ya está inscrita en un servidor del condado.</translation>
    </message>
    <message>
        <source>Read-only until you sync: this laptop has not reached the county server for longer than the county allows. Connect to the network and choose Sync now (Ctrl+Shift+S).</source>
        <translation>Solo lectura hasta que sincronice: esta computadora lleva más tiempo del que permite el condado sin conectarse al servidor del condado. Conéctese a la red y elija Sincronizar ahora (Ctrl+Mayús+S).</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <source>County server</source>
        <translation>Servidor del condado</translation>
    </message>
    <message>
        <source>Enrolled as</source>
        <translation>Inscrita como</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Last synced</source>
        <translation>Última sincronización</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>En espera de envío</translation>
    </message>
    <message>
        <source>Works offline until</source>
        <translation>Funciona sin conexión hasta</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Registro de auditoría</translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation>Sincronizar &amp;ahora</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Mayús+S</translation>
    </message>
    <message>
        <source>Sync message</source>
        <translation>Mensaje de sincronización</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Requiere atención</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>This laptop&apos;s version</source>
        <translation>La versión de esta computadora</translation>
    </message>
    <message>
        <source>The county server&apos;s version</source>
        <translation>La versión del servidor del condado</translation>
    </message>
    <message>
        <source>Merge: choose which version to keep for each field</source>
        <translation>Combinar: elija qué versión conservar en cada campo</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Conservar</translation>
    </message>
    <message>
        <source>Keep &amp;mine</source>
        <translation>Conservar la &amp;mía</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Conservar la mía</translation>
    </message>
    <message>
        <source>Keep this laptop&apos;s version; it is sent on top of the server&apos;s at the next sync.</source>
        <translation>Conservar la versión de esta computadora; se envía sobre la del servidor en la próxima sincronización.</translation>
    </message>
    <message>
        <source>Keep the &amp;server&apos;s</source>
        <translation>Conservar la del &amp;servidor</translation>
    </message>
    <message>
        <source>Keep the server&apos;s</source>
        <translation>Conservar la del servidor</translation>
    </message>
    <message>
        <source>Use the county server&apos;s version on this laptop; this laptop&apos;s stays on file.</source>
        <translation>Usar en esta computadora la versión del servidor del condado; la de esta computadora queda archivada.</translation>
    </message>
    <message>
        <source>Merge &amp;chosen fields</source>
        <translation>&amp;Combinar los campos elegidos</translation>
    </message>
    <message>
        <source>Merge chosen fields</source>
        <translation>Combinar los campos elegidos</translation>
    </message>
    <message>
        <source>Make a new version from the server&apos;s, with the fields you chose from yours.</source>
        <translation>Crear una nueva versión a partir de la del servidor, con los campos que eligió de la suya.</translation>
    </message>
    <message>
        <source>Mark &amp;resolved</source>
        <translation>Marcar como &amp;resuelto</translation>
    </message>
    <message>
        <source>Mark resolved</source>
        <translation>Marcar como resuelto</translation>
    </message>
    <message>
        <source>After you have made the record right, mark the conflict resolved.</source>
        <translation>Después de corregir el registro, marque el conflicto como resuelto.</translation>
    </message>
    <message>
        <source>Not enrolled</source>
        <translation>No inscrita</translation>
    </message>
    <message>
        <source>Standalone: records stay on this laptop</source>
        <translation>Independiente: los registros permanecen en esta computadora</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>Al día</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Lista</translation>
    </message>
    <message>
        <source>Offline: the last attempt could not reach the server</source>
        <translation>Sin conexión: el último intento no pudo llegar al servidor</translation>
    </message>
    <message>
        <source>The last sync failed</source>
        <translation>La última sincronización falló</translation>
    </message>
    <message>
        <source>Revoked by county IT</source>
        <translation>Revocada por el departamento de TI del condado</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nunca</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n cambio</numerusform>
            <numerusform>%n cambios</numerusform>
        </translation>
    </message>
    <message>
        <source>Expired: read-only until you sync</source>
        <translation>Vencido: solo lectura hasta que sincronice</translation>
    </message>
    <message>
        <source>Set at the first sync</source>
        <translation>Se fija en la primera sincronización</translation>
    </message>
    <message>
        <source>No limit (standalone)</source>
        <translation>Sin límite (independiente)</translation>
    </message>
    <message>
        <source>Does not match what the county server recorded (found %1). Someone may have changed this laptop&apos;s log. Contact county IT.</source>
        <translation>No coincide con lo que registró el servidor del condado (detectado %1). Alguien pudo haber cambiado el registro de esta computadora. Comuníquese con el área de TI del condado.</translation>
    </message>
    <message>
        <source>Matched what the county server recorded</source>
        <translation>Coincidió con lo que registró el servidor del condado</translation>
    </message>
    <message>
        <source>Checked against the county server at each sync</source>
        <translation>Se comprueba con el servidor del condado en cada sincronización</translation>
    </message>
    <message>
        <source>Kept on this laptop only (standalone)</source>
        <translation>Solo se guarda en esta computadora (independiente)</translation>
    </message>
    <message>
        <source>This laptop is not enrolled with a county server. Records stay encrypted on this laptop only.</source>
        <translation>Esta computadora no está inscrita en un servidor del condado. Los registros permanecen cifrados solo en esta computadora.</translation>
    </message>
    <message>
        <source>Nothing needs attention.</source>
        <translation>Nada requiere atención.</translation>
    </message>
    <message>
        <source>Keep for %1</source>
        <translation>Conservar para %1</translation>
    </message>
    <message>
        <source>The server&apos;s</source>
        <translation>La del servidor</translation>
    </message>
    <message>
        <source>Mine (this laptop&apos;s)</source>
        <translation>La mía (de esta computadora)</translation>
    </message>
    <message>
        <source>The server keeps version %1; its content is fetched at the next sync. Both versions are kept on the server.</source>
        <translation>El servidor conserva la versión %1; su contenido se obtiene en la próxima sincronización. Ambas versiones se conservan en el servidor.</translation>
    </message>
    <message>
        <source>Why: %1</source>
        <translation>Motivo: %1</translation>
    </message>
    <message numerus="yes">
        <source>● marks the %n field(s) that differ.</source>
        <translation>
            <numerusform>● marca el campo que difiere.</numerusform>
            <numerusform>● marca los %n campos que difieren.</numerusform>
        </translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>sin motivo indicado</translation>
    </message>
    <message>
        <source>The server refused this change: %1. It is kept on this laptop and does not hold back anything else. Correct the record and save it again, or contact county IT.</source>
        <translation>El servidor rechazó este cambio: %1. Se conserva en esta computadora y no detiene nada más. Corrija el registro y guárdelo de nuevo, o comuníquese con el departamento de TI del condado.</translation>
    </message>
    <message>
        <source>Choose an item to see what happened.</source>
        <translation>Elija un elemento para ver qué pasó.</translation>
    </message>
</context>
<context>
    <name>Tables</name>
    <message>
        <source>Column headings: choose one to sort by it</source>
        <translation>Encabezados de columna: elija uno para ordenar por él</translation>
    </message>
</context>
<context>
    <name>TeamCaseload</name>
    <message numerus="yes">
        <source>%1: %n youth to %2, for good</source>
        <translation>
            <numerusform>%1: %n joven pasa a %2, de forma definitiva</numerusform>
            <numerusform>%1: %n jóvenes pasan a %2, de forma definitiva</numerusform>
        </translation>
    </message>
    <message>
        <source>%1&apos;s youth to %2, for good</source>
        <translation>Los jóvenes de %1 a %2, de forma definitiva</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n youth covered by %2 until %3</source>
        <translation>
            <numerusform>%1: %n joven cubierto por %2 hasta el %3</numerusform>
            <numerusform>%1: %n jóvenes cubiertos por %2 hasta el %3</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 covered by %2 until %3</source>
        <translation>%1 cubierto por %2 hasta el %3</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n case(s) closed</source>
        <translation>
            <numerusform>%1: %n caso cerrado</numerusform>
            <numerusform>%1: %n casos cerrados</numerusform>
        </translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation>rechazado: %1</translation>
    </message>
    <message>
        <source>waiting for the next sync</source>
        <translation>espera la próxima sincronización</translation>
    </message>
    <message>
        <source>Youth %1</source>
        <translation>Joven %1</translation>
    </message>
    <message>
        <source>covering</source>
        <translation>cubriendo</translation>
    </message>
    <message numerus="yes">
        <source>%n open</source>
        <translation>
            <numerusform>%n pendiente</numerusform>
            <numerusform>%n pendientes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n vencida</numerusform>
            <numerusform>%n vencidas</numerusform>
        </translation>
    </message>
    <message>
        <source>next due %1</source>
        <translation>próximo vencimiento %1</translation>
    </message>
</context>
<context>
    <name>TeamCaseloadPage</name>
    <message>
        <source>Team caseload</source>
        <translation>Carga de casos del equipo</translation>
    </message>
    <message>
        <source>Team caseload status</source>
        <translation>Estado de la carga de casos del equipo</translation>
    </message>
    <message>
        <source>Caseworkers of the team</source>
        <translation>Trabajadores sociales del equipo</translation>
    </message>
    <message>
        <source>&amp;Reassign…</source>
        <translation>&amp;Reasignar…</translation>
    </message>
    <message>
        <source>&amp;Cover…</source>
        <translation>&amp;Cubrir…</translation>
    </message>
    <message>
        <source>Close c&amp;ases…</source>
        <translation>Cerrar c&amp;asos…</translation>
    </message>
    <message>
        <source>Close the cases of youth you choose</source>
        <translation>Cerrar los casos de los jóvenes que elija</translation>
    </message>
    <message>
        <source>Caseload changes made here</source>
        <translation>Cambios de carga hechos aquí</translation>
    </message>
    <message>
        <source>Changes made here</source>
        <translation>Cambios hechos aquí</translation>
    </message>
    <message>
        <source>Sync to fetch your team&apos;s caseload.</source>
        <translation>Sincronice para traer la carga de casos de su equipo.</translation>
    </message>
    <message>
        <source>As of %1</source>
        <translation>Al %1</translation>
    </message>
    <message>
        <source>No change waiting to be sent.</source>
        <translation>Ningún cambio espera envío.</translation>
    </message>
</context>
<context>
    <name>TeamDashboard</name>
    <message>
        <source>Report victim (24 h)</source>
        <translation>Denunciar víctima (24 h)</translation>
    </message>
    <message>
        <source>Report missing (24 h)</source>
        <translation>Denunciar desaparición (24 h)</translation>
    </message>
    <message>
        <source>Document in CWS/CMS</source>
        <translation>Documentar en CWS/CMS</translation>
    </message>
    <message>
        <source>Refer to MDT</source>
        <translation>Remitir al MDT</translation>
    </message>
    <message>
        <source>Screen returning youth</source>
        <translation>Evaluar al joven que regresó</translation>
    </message>
    <message>
        <source>%1+ days</source>
        <translation>%1+ días</translation>
    </message>
    <message>
        <source>under 1 day</source>
        <translation>menos de 1 día</translation>
    </message>
    <message>
        <source>%1–%2 days</source>
        <translation>%1–%2 días</translation>
    </message>
    <message>
        <source>Screenings awaiting review, by time waiting</source>
        <translation>Evaluaciones en espera de revisión, por tiempo de espera</translation>
    </message>
    <message>
        <source>Screenings</source>
        <translation>Evaluaciones</translation>
    </message>
    <message>
        <source>Open obligations across the team (24-hour clocks first)</source>
        <translation>Obligaciones pendientes del equipo (primero los plazos de 24 horas)</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Vencidas</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Por vencer</translation>
    </message>
    <message>
        <source>Children by CSEC category per month</source>
        <translation>Menores por categoría CSEC y mes</translation>
    </message>
    <message>
        <source>Children screened by risk level per month</source>
        <translation>Menores evaluados por nivel de riesgo y mes</translation>
    </message>
    <message>
        <source>Education sessions per month</source>
        <translation>Sesiones educativas por mes</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sesiones</translation>
    </message>
    <message>
        <source>Youth reached by education sessions per month</source>
        <translation>Jóvenes alcanzados por sesiones educativas por mes</translation>
    </message>
    <message>
        <source>Youth reached</source>
        <translation>Jóvenes alcanzados</translation>
    </message>
</context>
<context>
    <name>TeamLoadModel</name>
    <message>
        <source>Caseworker</source>
        <translation>Trabajador/a social</translation>
    </message>
    <message>
        <source>Youth held</source>
        <translation>Jóvenes a cargo</translation>
    </message>
    <message>
        <source>Open obligations</source>
        <translation>Obligaciones pendientes</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Vencidas</translation>
    </message>
    <message>
        <source>Next due</source>
        <translation>Próximo vencimiento</translation>
    </message>
    <message>
        <source>Changes waiting</source>
        <translation>Cambios en espera</translation>
    </message>
</context>
<context>
    <name>TeamObligationsModel</name>
    <message>
        <source>Obligation</source>
        <translation>Obligación</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Tiempo restante</translation>
    </message>
    <message>
        <source>Caseworker</source>
        <translation>Trabajador/a social</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>What needs you today</source>
        <translation>Lo que requiere su atención hoy</translation>
    </message>
    <message>
        <source>Due now</source>
        <translation>Vencen ahora</translation>
    </message>
    <message>
        <source>Obligations due now</source>
        <translation>Obligaciones que vencen ahora</translation>
    </message>
    <message>
        <source>Screenings to finish</source>
        <translation>Evaluaciones por terminar</translation>
    </message>
    <message>
        <source>Missing from care now</source>
        <translation>Desaparecidos del cuidado ahora</translation>
    </message>
    <message>
        <source>Youth missing from care now</source>
        <translation>Jóvenes desaparecidos del cuidado ahora</translation>
    </message>
    <message>
        <source>&amp;Open youth</source>
        <translation>&amp;Abrir joven</translation>
    </message>
    <message>
        <source>Open the youth of the chosen row</source>
        <translation>Abrir el joven de la fila elegida</translation>
    </message>
    <message>
        <source>Today message</source>
        <translation>Mensaje de Hoy</translation>
    </message>
    <message>
        <source>Returned by your supervisor: make the changes and submit again</source>
        <translation>Devuelta por su supervisor: haga los cambios y envíela de nuevo</translation>
    </message>
    <message>
        <source>Draft started %1: not submitted yet</source>
        <translation>Borrador empezado el %1: aún no se envió</translation>
    </message>
    <message>
        <source>No screening is waiting for you.</source>
        <translation>Ninguna evaluación espera por usted.</translation>
    </message>
    <message>
        <source>%1 — missing since %2 (%3)</source>
        <translation>%1 — desaparecido desde el %2 (%3)</translation>
    </message>
    <message>
        <source>No youth is missing from care.</source>
        <translation>Ningún joven está desaparecido del cuidado.</translation>
    </message>
    <message>
        <source>Nothing needs you right now. New work appears here as soon as it is due.</source>
        <translation>Nada requiere su atención ahora. El trabajo nuevo aparece aquí en cuanto vence.</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) need you</source>
        <translation>
            <numerusform>%n asunto requiere su atención</numerusform>
            <numerusform>%n asuntos requieren su atención</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n vencido</numerusform>
            <numerusform>%n vencidos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n returned by your supervisor</source>
        <translation>
            <numerusform>%n devuelta por su supervisor</numerusform>
            <numerusform>%n devueltas por su supervisor</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n youth missing from care</source>
        <translation>
            <numerusform>%n joven desaparecido del cuidado</numerusform>
            <numerusform>%n jóvenes desaparecidos del cuidado</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainingEditor</name>
    <message>
        <source>Edit training</source>
        <translation>Editar capacitación</translation>
    </message>
    <message>
        <source>Log training</source>
        <translation>Registrar capacitación</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Training date</source>
        <translation>Fecha de la capacitación</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Capacitación</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>Público</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>Asistentes</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minutos</translation>
    </message>
    <message>
        <source>Facilitators</source>
        <translation>Facilitadores</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>T&amp;itle *</source>
        <translation>Tít&amp;ulo *</translation>
    </message>
    <message>
        <source>T&amp;itle</source>
        <translation>Tít&amp;ulo</translation>
    </message>
    <message>
        <source>Title (required)</source>
        <translation>Título (obligatorio)</translation>
    </message>
    <message>
        <source>Title (optional)</source>
        <translation>Título (opcional)</translation>
    </message>
</context>
<context>
    <name>TrainingEditorForm</name>
    <message>
        <source>Training</source>
        <translation>Capacitación</translation>
    </message>
    <message>
        <source>Caregiver or staff training</source>
        <translation>Capacitación para cuidadores o personal</translation>
    </message>
    <message>
        <source>Training &amp;date *</source>
        <translation>&amp;Fecha de la capacitación *</translation>
    </message>
    <message>
        <source>Training date (required)</source>
        <translation>Fecha de la capacitación (obligatoria)</translation>
    </message>
    <message>
        <source>MM/dd/yyyy</source>
        <translation>MM/dd/yyyy</translation>
    </message>
    <message>
        <source>&amp;Training *</source>
        <translation>&amp;Capacitación *</translation>
    </message>
    <message>
        <source>Training (required)</source>
        <translation>Capacitación (obligatoria)</translation>
    </message>
    <message>
        <source>T&amp;itle</source>
        <translation>Tít&amp;ulo</translation>
    </message>
    <message>
        <source>Title (required for other trainings)</source>
        <translation>Título (obligatorio para otras capacitaciones)</translation>
    </message>
    <message>
        <source>&amp;Audience *</source>
        <translation>&amp;Público *</translation>
    </message>
    <message>
        <source>Audience type (required)</source>
        <translation>Tipo de público (obligatorio)</translation>
    </message>
    <message>
        <source>Atte&amp;ndees *</source>
        <translation>Asis&amp;tentes *</translation>
    </message>
    <message>
        <source>Number of attendees (required)</source>
        <translation>Número de asistentes (obligatorio)</translation>
    </message>
    <message>
        <source>&amp;Minutes *</source>
        <translation>&amp;Minutos *</translation>
    </message>
    <message>
        <source>Length in minutes (required)</source>
        <translation>Duración en minutos (obligatoria)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>&amp;Facilitators</source>
        <translation>Facili&amp;tadores</translation>
    </message>
    <message>
        <source>Facilitators, separated by commas</source>
        <translation>Facilitadores, separados por comas</translation>
    </message>
    <message>
        <source>Names, separated by commas</source>
        <translation>Nombres, separados por comas</translation>
    </message>
    <message>
        <source>Not&amp;es</source>
        <translation>N&amp;otas</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Problems to correct</source>
        <translation>Problemas por corregir</translation>
    </message>
</context>
<context>
    <name>UnlockForm</name>
    <message>
        <source>CSEC Desktop — Unlock</source>
        <translation>CSEC Desktop — Desbloquear</translation>
    </message>
    <message>
        <source>Unlock the vault</source>
        <translation>Desbloquear la bóveda</translation>
    </message>
    <message>
        <source>&amp;Language / Idioma</source>
        <translation>&amp;Idioma / Language</translation>
    </message>
    <message>
        <source>Language / Idioma</source>
        <translation>Idioma / Language</translation>
    </message>
    <message>
        <source>Unlock your vault</source>
        <translation>Desbloquee su bóveda</translation>
    </message>
    <message>
        <source>The records on this laptop are encrypted. Enter your passphrase to open them.</source>
        <translation>Los registros de esta computadora portátil están cifrados. Escriba su frase de contraseña para abrirlos.</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>&amp;Frase de contraseña</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>The passphrase you chose when this vault was created</source>
        <translation>La frase de contraseña que eligió al crear esta bóveda</translation>
    </message>
    <message>
        <source>S&amp;how passphrase</source>
        <translation>&amp;Mostrar frase de contraseña</translation>
    </message>
    <message>
        <source>Show passphrase</source>
        <translation>Mostrar frase de contraseña</translation>
    </message>
    <message>
        <source>&amp;Forgot your passphrase?</source>
        <translation>¿&amp;Olvidó su frase de contraseña?</translation>
    </message>
    <message>
        <source>Forgot your passphrase?</source>
        <translation>¿Olvidó su frase de contraseña?</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Unlocking</source>
        <translation>Desbloqueando</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Desbloquear</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
</context>
<context>
    <name>UnlockWindow</name>
    <message>
        <source>Forgot your passphrase?</source>
        <translation>¿Olvidó su frase de contraseña?</translation>
    </message>
    <message>
        <source>The passphrase cannot be shown or reset from this laptop: it is what keeps the records encrypted. Nothing is lost by waiting, and nothing here is deleted.</source>
        <translation>La frase de contraseña no se puede mostrar ni restablecer desde esta computadora: es lo que mantiene cifrados los registros. Nada se pierde por esperar y nada se borra aquí.</translation>
    </message>
    <message>
        <source>Call county IT. If this laptop was set up with the county recovery key, they can open the vault with it and help you choose a new passphrase (csec-admin vault recover). Bring the laptop; do not create a new vault over this one.</source>
        <translation>Llame al departamento de TI del condado. Si esta computadora se configuró con la clave de recuperación del condado, pueden abrir la bóveda con ella y ayudarle a elegir una nueva frase de contraseña (csec-admin vault recover). Lleve la computadora; no cree una bóveda nueva encima de esta.</translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation>Desbloqueando…</translation>
    </message>
    <message>
        <source>The passphrase is not correct.</source>
        <translation>La frase de contraseña no es correcta.</translation>
    </message>
    <message numerus="yes">
        <source>%n wrong attempt(s) in a row.</source>
        <translation>
            <numerusform>%n intento fallido seguido.</numerusform>
            <numerusform>%n intentos fallidos seguidos.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>For your security, wait %n second(s) before trying again.</source>
        <translation>
            <numerusform>Por su seguridad, espere %n segundo antes de volver a intentarlo.</numerusform>
            <numerusform>Por su seguridad, espere %n segundos antes de volver a intentarlo.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>YouthDetail</name>
    <message>
        <source>Youth details</source>
        <translation>Datos del joven</translation>
    </message>
    <message>
        <source>Youth name</source>
        <translation>Nombre del joven</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Género</translation>
    </message>
    <message>
        <source>County client ID</source>
        <translation>ID de cliente del condado</translation>
    </message>
    <message>
        <source>Placement</source>
        <translation>Colocación</translation>
    </message>
    <message>
        <source>County</source>
        <translation>Condado</translation>
    </message>
    <message>
        <source>Mer&amp;ge duplicate…</source>
        <translation>U&amp;nir duplicado…</translation>
    </message>
    <message>
        <source>Merge this record into another record of the same child</source>
        <translation>Unir este registro a otro registro del mismo menor</translation>
    </message>
    <message>
        <source>Records about this youth</source>
        <translation>Registros sobre este joven</translation>
    </message>
    <message>
        <source>Choose a youth in the list to see their page.</source>
        <translation>Elija un joven en la lista para ver su página.</translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n vencida</numerusform>
            <numerusform>%n vencidas</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Edit details…</source>
        <translation>&amp;Editar datos…</translation>
    </message>
    <message>
        <source>Edit details</source>
        <translation>Editar datos</translation>
    </message>
    <message>
        <source>No youth selected</source>
        <translation>Ningún joven seleccionado</translation>
    </message>
    <message>
        <source>(legal given name %1)</source>
        <translation>(nombre legal %1)</translation>
    </message>
    <message>
        <source>none recorded</source>
        <translation>no registrado</translation>
    </message>
    <message numerus="yes">
        <source>%n screening(s)</source>
        <translation>
            <numerusform>%n evaluación</numerusform>
            <numerusform>%n evaluaciones</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n missing-from-care episode(s)</source>
        <translation>
            <numerusform>%n episodio de ausencia del cuidado</numerusform>
            <numerusform>%n episodios de ausencia del cuidado</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n education session(s) attended</source>
        <translation>
            <numerusform>%n sesión educativa asistida</numerusform>
            <numerusform>%n sesiones educativas asistidas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open obligation(s)</source>
        <translation>
            <numerusform>%n obligación pendiente</numerusform>
            <numerusform>%n obligaciones pendientes</numerusform>
        </translation>
    </message>
    <message>
        <source>Currently missing from care.</source>
        <translation>Actualmente ausente del cuidado.</translation>
    </message>
</context>
<context>
    <name>YouthEditor</name>
    <message>
        <source>Edit youth</source>
        <translation>Editar joven</translation>
    </message>
    <message>
        <source>New youth</source>
        <translation>Nuevo joven</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Enter the date of birth as MM/DD/YYYY, for example 05/17/2009.</source>
        <translation>Escriba la fecha de nacimiento como MM/DD/AAAA, por ejemplo 05/17/2009.</translation>
    </message>
    <message>
        <source>Enter the date of birth.</source>
        <translation>Escriba la fecha de nacimiento.</translation>
    </message>
    <message>
        <source>Choose the placement.</source>
        <translation>Elija la colocación.</translation>
    </message>
    <message>
        <source>Choose the county.</source>
        <translation>Elija el condado.</translation>
    </message>
    <message>
        <source>Enter the name.</source>
        <translation>Escriba el nombre.</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Apellido</translation>
    </message>
    <message>
        <source>Preferred name</source>
        <translation>Nombre preferido</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Género</translation>
    </message>
    <message>
        <source>County client ID</source>
        <translation>ID de cliente del condado</translation>
    </message>
    <message>
        <source>Placement</source>
        <translation>Colocación</translation>
    </message>
    <message>
        <source>Jurisdiction</source>
        <translation>Jurisdicción</translation>
    </message>
    <message>
        <source>County</source>
        <translation>Condado</translation>
    </message>
    <message>
        <source>%1, born %2, %3</source>
        <translation>%1, nacido el %2, %3</translation>
    </message>
    <message>
        <source>client ID %1</source>
        <translation>ID de cliente %1</translation>
    </message>
    <message>
        <source>no client ID</source>
        <translation>sin ID de cliente</translation>
    </message>
    <message numerus="yes">
        <source>Possible duplicate: %n youth already in this vault may be the same person: a similar name (allowing for typos and spellings) and the same date of birth, or the same client ID. %1. Check before saving: choose Save anyway to add a new record, or Cancel.</source>
        <translation>
            <numerusform>Posible duplicado: %n joven que ya está en esta bóveda puede ser la misma persona: un nombre parecido (contando errores de escritura y otras grafías) y la misma fecha de nacimiento, o el mismo número de cliente. %1. Compruébelo antes de guardar: elija Guardar de todos modos para añadir un registro nuevo, o Cancelar.</numerusform>
            <numerusform>Posible duplicado: %n jóvenes que ya están en esta bóveda pueden ser la misma persona: un nombre parecido (contando errores de escritura y otras grafías) y la misma fecha de nacimiento, o el mismo número de cliente. %1. Compruébelo antes de guardar: elija Guardar de todos modos para añadir un registro nuevo, o Cancelar.</numerusform>
        </translation>
    </message>
    <message>
        <source>Save &amp;anyway</source>
        <translation>Guardar &amp;de todos modos</translation>
    </message>
</context>
<context>
    <name>YouthEditorForm</name>
    <message>
        <source>Youth</source>
        <translation>Jóvenes</translation>
    </message>
    <message>
        <source>Youth details</source>
        <translation>Datos del joven</translation>
    </message>
    <message>
        <source>&amp;Given name *</source>
        <translation>&amp;Nombre *</translation>
    </message>
    <message>
        <source>Given name (required)</source>
        <translation>Nombre (obligatorio)</translation>
    </message>
    <message>
        <source>Problem with this field</source>
        <translation>Problema con este campo</translation>
    </message>
    <message>
        <source>&amp;Family name *</source>
        <translation>&amp;Apellido *</translation>
    </message>
    <message>
        <source>Family name (required)</source>
        <translation>Apellido (obligatorio)</translation>
    </message>
    <message>
        <source>&amp;Preferred name</source>
        <translation>Nombre &amp;preferido</translation>
    </message>
    <message>
        <source>Preferred name</source>
        <translation>Nombre preferido</translation>
    </message>
    <message>
        <source>&amp;Date of birth *</source>
        <translation>&amp;Fecha de nacimiento *</translation>
    </message>
    <message>
        <source>MM/DD/YYYY</source>
        <translation>MM/DD/AAAA</translation>
    </message>
    <message>
        <source>Date of birth (required)</source>
        <translation>Fecha de nacimiento (obligatoria)</translation>
    </message>
    <message>
        <source>Month, day and year, for example 05/17/2009</source>
        <translation>Mes, día y año, por ejemplo 05/17/2009</translation>
    </message>
    <message>
        <source>G&amp;ender</source>
        <translation>&amp;Género</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Género</translation>
    </message>
    <message>
        <source>County &amp;client ID</source>
        <translation>&amp;ID de cliente del condado</translation>
    </message>
    <message>
        <source>County client ID</source>
        <translation>ID de cliente del condado</translation>
    </message>
    <message>
        <source>Letters, digits and hyphens, as in the county system</source>
        <translation>Letras, dígitos y guiones, como en el sistema del condado</translation>
    </message>
    <message>
        <source>P&amp;lacement *</source>
        <translation>Co&amp;locación *</translation>
    </message>
    <message>
        <source>Placement (required)</source>
        <translation>Colocación (obligatoria)</translation>
    </message>
    <message>
        <source>Choose the placement</source>
        <translation>Elija la colocación</translation>
    </message>
    <message>
        <source>&amp;Jurisdiction</source>
        <translation>&amp;Jurisdicción</translation>
    </message>
    <message>
        <source>The juvenile court&apos;s jurisdiction</source>
        <translation>La jurisdicción del tribunal de menores</translation>
    </message>
    <message>
        <source>Dependent (W&amp;IC 300), ward (W&amp;IC 602), dual status, or not under the court&apos;s jurisdiction. The CSEC category and the county report use it.</source>
        <translation>Dependiente (W&amp;IC 300), pupilo (W&amp;IC 602), doble condición o fuera de la jurisdicción del tribunal. La categoría CSEC y el informe del condado la usan.</translation>
    </message>
    <message>
        <source>C&amp;ounty *</source>
        <translation>C&amp;ondado *</translation>
    </message>
    <message>
        <source>County (required)</source>
        <translation>Condado (obligatorio)</translation>
    </message>
    <message>
        <source>Choose the county</source>
        <translation>Elija el condado</translation>
    </message>
    <message>
        <source>* required</source>
        <translation>* obligatorio</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Possible duplicate</source>
        <translation>Posible duplicado</translation>
    </message>
    <message>
        <source>Possible duplicate warning</source>
        <translation>Aviso de posible duplicado</translation>
    </message>
</context>
<context>
    <name>YouthPage</name>
    <message>
        <source>Youth</source>
        <translation>Jóvenes</translation>
    </message>
    <message>
        <source>Name, date of birth (MM/DD/YYYY) or county client ID</source>
        <translation>Nombre, fecha de nacimiento (MM/DD/AAAA) o ID de cliente del condado</translation>
    </message>
    <message>
        <source>Search youth</source>
        <translation>Buscar jóvenes</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Buscar</translation>
    </message>
    <message>
        <source>&amp;New youth…</source>
        <translation>&amp;Nuevo joven…</translation>
    </message>
    <message>
        <source>New youth</source>
        <translation>Nuevo joven</translation>
    </message>
    <message>
        <source>Reading your caseload…</source>
        <translation>Leyendo sus casos…</translation>
    </message>
    <message>
        <source>No youth yet. Add one with New youth (Ctrl+N).</source>
        <translation>Aún no hay jóvenes. Añada uno con Nuevo joven (Ctrl+N).</translation>
    </message>
    <message>
        <source>Showing the first %1 of %2 youth by family name. Type to find others.</source>
        <translation>Se muestran los primeros %1 de %2 jóvenes por apellido. Escriba para encontrar otros.</translation>
    </message>
    <message numerus="yes">
        <source>Your caseload: %n youth. Type a name, a date of birth or a county client ID to search; click a column heading to sort.</source>
        <translation>
            <numerusform>Sus casos: %n joven. Escriba un nombre, una fecha de nacimiento o un número de cliente del condado para buscar; haga clic en un encabezado de columna para ordenar.</numerusform>
            <numerusform>Sus casos: %n jóvenes. Escriba un nombre, una fecha de nacimiento o un número de cliente del condado para buscar; haga clic en un encabezado de columna para ordenar.</numerusform>
        </translation>
    </message>
    <message>
        <source>No youth found. Check the spelling, try the family name alone, or add the youth with New youth.</source>
        <translation>No se encontró ningún joven. Revise la ortografía, pruebe solo con el apellido o añada al joven con Nuevo joven.</translation>
    </message>
    <message numerus="yes">
        <source>Showing the best %n matches. Type more of the name to narrow the search.</source>
        <translation>
            <numerusform>Se muestra la mejor coincidencia. Escriba más del nombre para afinar la búsqueda.</numerusform>
            <numerusform>Se muestran las %n mejores coincidencias. Escriba más del nombre para afinar la búsqueda.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n youth found, closest matches first.</source>
        <translation>
            <numerusform>%n joven encontrado, las coincidencias más cercanas primero.</numerusform>
            <numerusform>%n jóvenes encontrados, las coincidencias más cercanas primero.</numerusform>
        </translation>
    </message>
    <message>
        <source>Column headings</source>
        <translation>Encabezados de columna</translation>
    </message>
    <message>
        <source>Search status</source>
        <translation>Estado de la búsqueda</translation>
    </message>
</context>
<context>
    <name>YouthTableModel</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Riesgo</translation>
    </message>
    <message>
        <source>Last screening</source>
        <translation>Última evaluación</translation>
    </message>
    <message>
        <source>Open work</source>
        <translation>Trabajo pendiente</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>ID de cliente</translation>
    </message>
    <message>
        <source>Missing now</source>
        <translation>Desaparecido ahora</translation>
    </message>
    <message numerus="yes">
        <source>%n open</source>
        <translation>
            <numerusform>%n pendiente</numerusform>
            <numerusform>%n pendientes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n overdue)</source>
        <translation>
            <numerusform>(%n vencida)</numerusform>
            <numerusform>(%n vencidas)</numerusform>
        </translation>
    </message>
    <message>
        <source>Legal given name: %1</source>
        <translation>Nombre legal: %1</translation>
    </message>
</context>
<context>
    <name>_RecordDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
</TS>
