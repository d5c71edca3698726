<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
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
        <source>Your county requires this laptop to be enrolled with the county server before it is used. Enrolling is not available in this version yet: contact county IT.</source>
        <translation>Su condado exige que esta computadora portátil se inscriba en el servidor del condado antes de usarla. La inscripción todavía no está disponible en esta versión: comuníquese con el departamento de informática del condado.</translation>
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
        <source>Creating the encrypted vault. This takes a few seconds…</source>
        <translation>Creando la bóveda cifrada. Esto tarda unos segundos…</translation>
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
        <source>&amp;Youth</source>
        <translation>&amp;Jóvenes</translation>
    </message>
    <message>
        <source>Obligations</source>
        <translation>Obligaciones</translation>
    </message>
    <message>
        <source>What is due and overdue after a screening or a missing-from-care episode, with live countdowns for the 24-hour law-enforcement reports, and marking each one done with its time and report number.</source>
        <translation>Lo que vence y lo que está vencido después de una evaluación o de un episodio de ausencia del cuidado, con cuentas regresivas en vivo para los informes de 24 horas a las autoridades, y marcar cada uno como hecho con su hora y número de informe.</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>Educación</translation>
    </message>
    <message>
        <source>Logging youth risk-education sessions and caregiver or staff trainings (CSEC 101/102), and listing them.</source>
        <translation>Registrar sesiones de educación sobre riesgos para jóvenes y capacitaciones para cuidadores o personal (CSEC 101/102), y mostrarlas en una lista.</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <source>Sending your records to the county server and receiving supervisors&apos; reviews. Nothing is sent yet: your records stay encrypted on this laptop.</source>
        <translation>Enviar sus registros al servidor del condado y recibir las revisiones de los supervisores. Todavía no se envía nada: sus registros permanecen cifrados en esta computadora portátil.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
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
        <source>County server configured; sync is not available yet</source>
        <translation>Servidor del condado configurado; la sincronización todavía no está disponible</translation>
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
        <source>Locks after %n minute(s) idle · Ctrl+L locks now</source>
        <translation>
            <numerusform>Se bloquea tras %n minuto de inactividad · Ctrl+L bloquea ahora</numerusform>
            <numerusform>Se bloquea tras %n minutos de inactividad · Ctrl+L bloquea ahora</numerusform>
        </translation>
    </message>
    <message>
        <source>Auto-lock</source>
        <translation>Bloqueo automático</translation>
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
        <source>The computer refused a file operation: {reason}</source>
        <translation>La computadora rechazó una operación de archivo: {reason}</translation>
    </message>
    <message>
        <source>Something unexpected went wrong ({kind}). Nothing was deleted.</source>
        <translation>Ocurrió un error inesperado ({kind}). No se eliminó nada.</translation>
    </message>
</context>
<context>
    <name>PrivacyScreen</name>
    <message>
        <source>Screen hidden. Press Ctrl+Shift+H to show it again.</source>
        <translation>Pantalla oculta. Presione Ctrl+Mayús+H para mostrarla de nuevo.</translation>
    </message>
    <message>
        <source>Screen hidden</source>
        <translation>Pantalla oculta</translation>
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
        <source>Changing your passphrase is coming soon; it is not available in this version yet. County IT can change it with csec-admin.</source>
        <translation>Cambiar la frase de contraseña llegará pronto; todavía no está disponible en esta versión. El departamento de informática del condado puede cambiarla con csec-admin.</translation>
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
    <message>
        <source>The language changes the next time CSEC Desktop starts.</source>
        <translation>El idioma cambia la próxima vez que se inicie CSEC Desktop.</translation>
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
        <source>Records about this youth</source>
        <translation>Registros sobre este joven</translation>
    </message>
    <message>
        <source>Starting a screening, missing-from-care episodes and marking obligations done are coming soon; they are not available in this version yet.</source>
        <translation>Iniciar una evaluación, los episodios de ausencia del cuidado y marcar obligaciones como hechas llegarán pronto; todavía no están disponibles en esta versión.</translation>
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
        <source>Search for a youth, then choose one in the list to see their page.</source>
        <translation>Busque a un joven y luego elíjalo en la lista para ver su página.</translation>
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
    <message numerus="yes">
        <source>%n overdue!</source>
        <translation>
            <numerusform>¡%n vencida!</numerusform>
            <numerusform>¡%n vencidas!</numerusform>
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
        <source>Choose the county.</source>
        <translation>Elija el condado.</translation>
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
        <source>County</source>
        <translation>Condado</translation>
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
        <source>Possible duplicate: %n youth with the same name and date of birth already in this vault (%1). Check whether this is the same person before saving. Choose Save anyway to add a new record, or Cancel.</source>
        <translation>
            <numerusform>Posible duplicado: ya hay %n joven con el mismo nombre y fecha de nacimiento en esta bóveda (%1). Verifique si es la misma persona antes de guardar. Elija Guardar de todos modos para agregar un registro nuevo, o Cancelar.</numerusform>
            <numerusform>Posible duplicado: ya hay %n jóvenes con el mismo nombre y fecha de nacimiento en esta bóveda (%1). Verifique si es la misma persona antes de guardar. Elija Guardar de todos modos para agregar un registro nuevo, o Cancelar.</numerusform>
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
        <source>P&amp;lacement</source>
        <translation>&amp;Colocación</translation>
    </message>
    <message>
        <source>Placement</source>
        <translation>Colocación</translation>
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
        <source>Youth found</source>
        <translation>Jóvenes encontrados</translation>
    </message>
    <message>
        <source>Column headings</source>
        <translation>Encabezados de columna</translation>
    </message>
    <message>
        <source>Search status</source>
        <translation>Estado de la búsqueda</translation>
    </message>
    <message>
        <source>Type a name, a date of birth or a county client ID to find a youth. Nobody&apos;s name is shown until you search.</source>
        <translation>Escriba un nombre, una fecha de nacimiento o un ID de cliente del condado para encontrar a un joven. No se muestra ningún nombre hasta que busque.</translation>
    </message>
    <message>
        <source>No youth found. Check the spelling, or add the youth with New youth.</source>
        <translation>No se encontró ningún joven. Revise la ortografía o agregue al joven con Nuevo joven.</translation>
    </message>
    <message numerus="yes">
        <source>Showing the first %n matches. Type more of the name to narrow the search.</source>
        <translation>
            <numerusform>Se muestra la primera coincidencia. Escriba más del nombre para acotar la búsqueda.</numerusform>
            <numerusform>Se muestran las primeras %n coincidencias. Escriba más del nombre para acotar la búsqueda.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n youth found.</source>
        <translation>
            <numerusform>%n joven encontrado.</numerusform>
            <numerusform>%n jóvenes encontrados.</numerusform>
        </translation>
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
        <source>Client ID</source>
        <translation>ID de cliente</translation>
    </message>
    <message>
        <source>Placement</source>
        <translation>Colocación</translation>
    </message>
    <message>
        <source>Legal given name: %1</source>
        <translation>Nombre legal: %1</translation>
    </message>
</context>
</TS>
