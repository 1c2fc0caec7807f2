using Kiln.Cimi.Wire;

namespace Kiln.Cimi;

// The bodies of machines, machine configurations, machine templates and actions. Each is read as MachineImage bodies
// are: at most maxBytes bytes, no DTD, root and children in the CIMI namespace or none, text trimmed, unknown
// elements skipped, property named by name= or key=.
public static partial class CimiXml
{
    /// <summary>
    /// Reads a Machine create body: root <c>MachineCreate</c>, <c>machineCreate</c> or <c>Machine</c>, with a
    /// <c>machineTemplate</c> that is a reference (<c>&lt;machineTemplate href=".."/&gt;</c>) or a template in place
    /// (<c>&lt;machineConfig href=".."/&gt;</c> or a <c>machineConfig</c> holding cpu, memory and disks;
    /// <c>&lt;machineImage href=".."/&gt;</c>; <c>initialState</c>). At most <paramref name="maxBytes"/> bytes are read.
    /// </summary>
    /// <exception cref="CimiFormatException">Larger than allowed, a DTD, not well-formed, not a Machine, no machineTemplate, or a value of the wrong kind.</exception>
    public static MachineCreate ReadMachineCreate(Stream body, long maxBytes) =>
        XmlBodies.ReadMachineCreate(BodyBuffer.Read(body, maxBytes));

    /// <inheritdoc cref="ReadMachineCreate(Stream, long)"/>
    public static async Task<MachineCreate> ReadMachineCreateAsync(Stream body, long maxBytes, CancellationToken cancellationToken = default) =>
        XmlBodies.ReadMachineCreate(await BodyBuffer.ReadAsync(body, maxBytes, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Reads a MachineConfiguration create body: root <c>MachineConfiguration</c>, <c>MachineConfigurationCreate</c>
    /// or <c>machineConfigurationCreate</c>; <c>cpu</c>, <c>memory</c> (KiB), <c>disk</c> elements each with
    /// <c>capacity</c> (KiB), <c>format</c> and maybe <c>initialLocation</c>, <c>cpuArch</c>. At most
    /// <paramref name="maxBytes"/> bytes are read.
    /// </summary>
    /// <exception cref="CimiFormatException">Larger than allowed, a DTD, not well-formed, not a MachineConfiguration, an integer that is none or negative, or a disk without capacity or format.</exception>
    public static MachineConfigurationCreate ReadMachineConfigurationCreate(Stream body, long maxBytes) =>
        XmlBodies.ReadMachineConfigurationCreate(BodyBuffer.Read(body, maxBytes));

    /// <inheritdoc cref="ReadMachineConfigurationCreate(Stream, long)"/>
    public static async Task<MachineConfigurationCreate> ReadMachineConfigurationCreateAsync(Stream body, long maxBytes, CancellationToken cancellationToken = default) =>
        XmlBodies.ReadMachineConfigurationCreate(await BodyBuffer.ReadAsync(body, maxBytes, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Reads a MachineTemplate create body: root <c>MachineTemplate</c>, <c>MachineTemplateCreate</c> or
    /// <c>machineTemplateCreate</c>; <c>&lt;machineConfig href=".."/&gt;</c>, <c>&lt;machineImage href=".."/&gt;</c>
    /// (or the URI as their text), <c>initialState</c>. At most <paramref name="maxBytes"/> bytes are read.
    /// </summary>
    /// <exception cref="CimiFormatException">Larger than allowed, a DTD, not well-formed, not a MachineTemplate, or a reference without an href.</exception>
    public static MachineTemplateCreate ReadMachineTemplateCreate(Stream body, long maxBytes) =>
        XmlBodies.ReadMachineTemplateCreate(BodyBuffer.Read(body, maxBytes));

    /// <inheritdoc cref="ReadMachineTemplateCreate(Stream, long)"/>
    public static async Task<MachineTemplateCreate> ReadMachineTemplateCreateAsync(Stream body, long maxBytes, CancellationToken cancellationToken = default) =>
        XmlBodies.ReadMachineTemplateCreate(await BodyBuffer.ReadAsync(body, maxBytes, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Reads an Action body: root <c>Action</c>, its <c>action</c> the action's full URI
    /// (<see cref="CimiUris.StopAction"/>), maybe <c>force</c> (true or false) and properties. At most
    /// <paramref name="maxBytes"/> bytes are read.
    /// </summary>
    /// <exception cref="CimiFormatException">Larger than allowed, a DTD, not well-formed, not an Action, no action, or a force that is no boolean.</exception>
    public static MachineAction ReadAction(Stream body, long maxBytes) =>
        XmlBodies.ReadAction(BodyBuffer.Read(body, maxBytes));

    /// <inheritdoc cref="ReadAction(Stream, long)"/>
    public static async Task<MachineAction> ReadActionAsync(Stream body, long maxBytes, CancellationToken cancellationToken = default) =>
        XmlBodies.ReadAction(await BodyBuffer.ReadAsync(body, maxBytes, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Reads a Machine edit body (PUT): root <c>Machine</c> or <c>machine</c>; name, description and properties are kept,
    /// everything else (a client may send the whole machine back) is ignored. At most <paramref name="maxBytes"/> bytes are read.
    /// </summary>
    /// <exception cref="CimiFormatException">Larger than allowed, not well-formed, or not a Machine.</exception>
    public static MachineEdit ReadMachineEdit(Stream body, long maxBytes) =>
        XmlBodies.ReadMachineEdit(BodyBuffer.Read(body, maxBytes));

    /// <inheritdoc cref="ReadMachineEdit(Stream, long)"/>
    public static async Task<MachineEdit> ReadMachineEditAsync(Stream body, long maxBytes, CancellationToken cancellationToken = default) =>
        XmlBodies.ReadMachineEdit(await BodyBuffer.ReadAsync(body, maxBytes, cancellationToken).ConfigureAwait(false));
}
