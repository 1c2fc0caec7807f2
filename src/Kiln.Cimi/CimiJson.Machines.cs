using Kiln.Cimi.Wire;

namespace Kiln.Cimi;

// The bodies of machines, machine configurations, machine templates and actions. Each is read as MachineImage bodies
// are: at most maxBytes bytes, a flat object (or one wrapped in a member named like an XML root), strings trimmed,
// null as absent, unknown members skipped, errors naming the JSON path.
public static partial class CimiJson
{
    /// <summary>
    /// Reads a Machine create body: <c>machineTemplate</c> is <c>{"href": ".."}</c> (or the href as a string) or a
    /// template in place: <c>{"machineConfig": {"href": ..} or {"cpu", "memory", "disks"}, "machineImage": {"href": ..},
    /// "initialState": ..}</c>. At most <paramref name="maxBytes"/> bytes are read.
    /// </summary>
    /// <exception cref="CimiFormatException">Larger than allowed, not well-formed, no machineTemplate, or a value of the wrong kind (the message names its JSON path).</exception>
    public static MachineCreate ReadMachineCreate(Stream body, long maxBytes) =>
        JsonBodies.ReadMachineCreate(BodyBuffer.Read(body, maxBytes));

    /// <inheritdoc cref="ReadMachineCreate(Stream, long)"/>
    public static async Task<MachineCreate> ReadMachineCreateAsync(Stream body, long maxBytes, CancellationToken cancellationToken = default) =>
        JsonBodies.ReadMachineCreate(await BodyBuffer.ReadAsync(body, maxBytes, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Reads a MachineConfiguration create body: <c>cpu</c>, <c>memory</c> (KiB), <c>disks</c> an array of
    /// <c>{"capacity", "format", "initialLocation"}</c>, <c>cpuArch</c>; integers as numbers (or strings holding one).
    /// At most <paramref name="maxBytes"/> bytes are read.
    /// </summary>
    /// <exception cref="CimiFormatException">Larger than allowed, not well-formed, an integer that is none or negative, a disk without capacity or format, or a value of the wrong kind.</exception>
    public static MachineConfigurationCreate ReadMachineConfigurationCreate(Stream body, long maxBytes) =>
        JsonBodies.ReadMachineConfigurationCreate(BodyBuffer.Read(body, maxBytes));

    /// <inheritdoc cref="ReadMachineConfigurationCreate(Stream, long)"/>
    public static async Task<MachineConfigurationCreate> ReadMachineConfigurationCreateAsync(Stream body, long maxBytes, CancellationToken cancellationToken = default) =>
        JsonBodies.ReadMachineConfigurationCreate(await BodyBuffer.ReadAsync(body, maxBytes, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Reads a MachineTemplate create body: <c>machineConfig</c> and <c>machineImage</c> as <c>{"href": ".."}</c> or
    /// plain strings, <c>initialState</c>. At most <paramref name="maxBytes"/> bytes are read.
    /// </summary>
    /// <exception cref="CimiFormatException">Larger than allowed, not well-formed, or a value of the wrong kind.</exception>
    public static MachineTemplateCreate ReadMachineTemplateCreate(Stream body, long maxBytes) =>
        JsonBodies.ReadMachineTemplateCreate(BodyBuffer.Read(body, maxBytes));

    /// <inheritdoc cref="ReadMachineTemplateCreate(Stream, long)"/>
    public static async Task<MachineTemplateCreate> ReadMachineTemplateCreateAsync(Stream body, long maxBytes, CancellationToken cancellationToken = default) =>
        JsonBodies.ReadMachineTemplateCreate(await BodyBuffer.ReadAsync(body, maxBytes, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Reads an Action body: <c>{"action": "http://schemas.dmtf.org/cimi/1/action/stop", "force": true}</c>, maybe
    /// with <c>properties</c>, or the same wrapped in <c>Action</c>. At most <paramref name="maxBytes"/> bytes are read.
    /// </summary>
    /// <exception cref="CimiFormatException">Larger than allowed, not well-formed, no action, or a value of the wrong kind.</exception>
    public static MachineAction ReadAction(Stream body, long maxBytes) =>
        JsonBodies.ReadAction(BodyBuffer.Read(body, maxBytes));

    /// <inheritdoc cref="ReadAction(Stream, long)"/>
    public static async Task<MachineAction> ReadActionAsync(Stream body, long maxBytes, CancellationToken cancellationToken = default) =>
        JsonBodies.ReadAction(await BodyBuffer.ReadAsync(body, maxBytes, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Reads a Machine edit body (PUT): root <c>Machine</c> or <c>machine</c>; name, description and properties are kept,
    /// everything else (a client may send the whole machine back) is ignored. At most <paramref name="maxBytes"/> bytes are read.
    /// </summary>
    /// <exception cref="CimiFormatException">Larger than allowed, not well-formed, or not a Machine.</exception>
    public static MachineEdit ReadMachineEdit(Stream body, long maxBytes) =>
        JsonBodies.ReadMachineEdit(BodyBuffer.Read(body, maxBytes));

    /// <inheritdoc cref="ReadMachineEdit(Stream, long)"/>
    public static async Task<MachineEdit> ReadMachineEditAsync(Stream body, long maxBytes, CancellationToken cancellationToken = default) =>
        JsonBodies.ReadMachineEdit(await BodyBuffer.ReadAsync(body, maxBytes, cancellationToken).ConfigureAwait(false));
}
