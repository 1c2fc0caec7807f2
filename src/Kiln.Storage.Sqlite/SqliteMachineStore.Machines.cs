using System.Text.Json;
using Kiln.Catalog;
using Microsoft.Data.Sqlite;
using static Kiln.Storage.Sqlite.SqliteStatements;

namespace Kiln.Storage.Sqlite;

/// <summary>
/// Machines: a label, an image id, the hardware, a state and the process that runs it. A transition carries the
/// expected states in its WHERE clause, so the check and the move cannot be separated by another caller.
/// </summary>
public sealed partial class SqliteMachineStore
{
    /// <summary>The image is not checked: it lives in the catalog, a component this one does not depend on.</summary>
    public async Task<Machine> CreateMachineAsync(NewMachine machine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(machine);
        return (await QueryOneAsync(MachineSql.CreateMachine, c =>
        {
            Bind(c, "$owner", machine.Owner);
            BindLabel(c, machine.Label);
            Bind(c, "$image_id", machine.ImageId);
            BindHardware(c, machine.Hardware);
            Bind(c, "$state", StateName(MachineState.Creating));
            Bind(c, "$now", Now);
        }, ReadMachine, cancellationToken).ConfigureAwait(false))!;
    }

    public Task<Machine?> GetMachineAsync(string owner, long id, CancellationToken cancellationToken) =>
        QueryOneAsync(MachineSql.GetMachine, c => Identify(c, owner, id), ReadMachine, cancellationToken);

    public Task<Machine?> GetMachineByIdAsync(long id, CancellationToken cancellationToken) =>
        QueryOneAsync(MachineSql.GetMachineById, c => Bind(c, "$id", id), ReadMachine, cancellationToken);

    public Task<IReadOnlyList<Machine>> ListMachinesAsync(string owner, CancellationToken cancellationToken) =>
        QueryListAsync(MachineSql.ListMachines, c => Bind(c, "$owner", owner), ReadMachine, cancellationToken);

    public Task<IReadOnlyList<Machine>> ListAllMachinesAsync(CancellationToken cancellationToken) =>
        QueryListAsync(MachineSql.ListAllMachines, _ => { }, ReadMachine, cancellationToken);

    /// <summary>
    /// When the move does not happen, the machine is read again to say where it is: it may have moved once more in
    /// between, which is still an honest answer (the caller did not win either way).
    /// </summary>
    public async Task<MachineTransition?> TransitionMachineAsync(long id, IReadOnlyCollection<MachineState> expected, MachineState target,
        string? message, MachineProcess? process, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);
        // An undefined value would otherwise surface as the CHECK constraint's SqliteException.
        if (!Enum.IsDefined(target))
            throw new ArgumentOutOfRangeException(nameof(target), target, "not a machine state");
        var moved = await QueryOneAsync(MachineSql.TransitionMachine, c =>
        {
            Bind(c, "$id", id);
            Bind(c, "$expected", JsonSerializer.Serialize(expected.Select(StateName).ToArray(), Json));
            Bind(c, "$state", StateName(target));
            Bind(c, "$state_message", message);
            Bind(c, "$host", process?.Host);
            Bind(c, "$pid", process?.ProcessId);
            Bind(c, "$process_start", process?.StartTime);
            Bind(c, "$ssh_port", process?.SshPort);
            Bind(c, "$now", Now);
        }, ReadMachine, cancellationToken).ConfigureAwait(false);
        if (moved is not null)
            return new MachineTransition(moved, Applied: true);
        var current = await GetMachineByIdAsync(id, cancellationToken).ConfigureAwait(false);
        return current is null ? null : new MachineTransition(current, Applied: false);
    }

    public async Task<Machine?> UpdateMachineLabelAsync(Machine machine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var updated = await QueryOneAsync(MachineSql.UpdateMachineLabel, c =>
        {
            Identify(c, machine.Owner, machine.Id);
            BindLabel(c, machine.Label);
            Bind(c, "$now", Now);
            Bind(c, "$revision", machine.Stamp.Revision);
        }, ReadMachine, cancellationToken).ConfigureAwait(false);
        if (updated is not null)
            return updated;
        var current = await ScalarAsync(MachineSql.MachineRevision, c => Identify(c, machine.Owner, machine.Id), cancellationToken)
            .ConfigureAwait(false);
        return current is null
            ? null
            : throw new CatalogConflictException(
                $"machine {machine.Id} was changed meanwhile (revision {current}, not {machine.Stamp.Revision}); read it again");
    }

    public Task<bool> DeleteMachineAsync(string owner, long id, CancellationToken cancellationToken) =>
        DeleteAsync(MachineSql.DeleteMachine, owner, id, cancellationToken);

    private static Machine ReadMachine(SqliteDataReader r)
    {
        var host = TextOrNull(r, "host");
        return new Machine(
            Integer(r, "id"), Text(r, "owner"), ReadLabel(r), Integer(r, "image_id"), ReadHardware(r),
            Enum.Parse<MachineState>(Text(r, "state"), ignoreCase: true), TextOrNull(r, "state_message"),
            host is null ? null : new MachineProcess(host, (int)Integer(r, "pid"), Integer(r, "process_start"))
            {
                SshPort = (int?)IntegerOrNull(r, "ssh_port"),
            },
            ReadStamp(r));
    }

    private static string StateName(MachineState state) => state.ToString().ToLowerInvariant();
}
