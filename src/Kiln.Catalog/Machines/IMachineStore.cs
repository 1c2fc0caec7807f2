namespace Kiln.Catalog;

/// <summary>
/// The records of machines, machine configurations and machine templates (the running processes are not here: see
/// Kiln.Machines). The same rules as <see cref="ICatalogStore"/>: ownership is part of every lookup (another user's
/// object is simply not found), every change bumps the object's <see cref="Stamp"/>, label updates check the revision
/// and throw <see cref="CatalogConflictException"/> when it is stale, ids are never reused, lists are ordered by id,
/// and every change is committed before the method returns. Backends pass <c>MachineStoreContract</c> in the tests.
/// </summary>
public interface IMachineStore
{
    /// <summary>Records a new machine, <see cref="MachineState.Creating"/>, without process.</summary>
    Task<Machine> CreateMachineAsync(NewMachine machine, CancellationToken cancellationToken);

    Task<Machine?> GetMachineAsync(string owner, long id, CancellationToken cancellationToken);

    /// <summary>Any owner's machine, for the supervisor and capture jobs.</summary>
    Task<Machine?> GetMachineByIdAsync(long id, CancellationToken cancellationToken);

    /// <summary>The owner's machines, by id.</summary>
    Task<IReadOnlyList<Machine>> ListMachinesAsync(string owner, CancellationToken cancellationToken);

    /// <summary>Every owner's machines, by id: what a starting supervisor must reconcile with the processes it finds.</summary>
    Task<IReadOnlyList<Machine>> ListAllMachinesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Moves the machine to <paramref name="target"/> if, and only if, it is in one of <paramref name="expected"/> now (one
    /// statement: two callers never both win), recording <paramref name="message"/> and <paramref name="process"/>
    /// (both replace what was recorded; null clears them). Returns the machine as it now is with whether the move
    /// happened, or null when the machine does not exist.
    /// </summary>
    Task<MachineTransition?> TransitionMachineAsync(long id, IReadOnlyCollection<MachineState> expected, MachineState target,
        string? message, MachineProcess? process, CancellationToken cancellationToken);

    /// <summary>Saves the machine's label (name, description, properties); checks the revision; null when not found.</summary>
    Task<Machine?> UpdateMachineLabelAsync(Machine machine, CancellationToken cancellationToken);

    /// <summary>Deletes the machine record (its process and disk are the caller's to remove first); false when not found.</summary>
    Task<bool> DeleteMachineAsync(string owner, long id, CancellationToken cancellationToken);

    Task<MachineConfig> CreateConfigAsync(NewMachineConfig config, CancellationToken cancellationToken);

    /// <summary>A shared configuration, or one of the owner's.</summary>
    Task<MachineConfig?> GetConfigAsync(string owner, long id, CancellationToken cancellationToken);

    /// <summary>The shared configurations and the owner's, by id.</summary>
    Task<IReadOnlyList<MachineConfig>> ListConfigsAsync(string owner, CancellationToken cancellationToken);

    /// <summary>The shared configurations, by id (the service creates Kiln's defaults when there are none).</summary>
    Task<IReadOnlyList<MachineConfig>> ListSharedConfigsAsync(CancellationToken cancellationToken);

    /// <summary>Deletes one of the owner's configurations (never a shared one); false when not found.</summary>
    Task<bool> DeleteConfigAsync(string owner, long id, CancellationToken cancellationToken);

    Task<MachineTemplate> CreateTemplateAsync(NewMachineTemplate newTemplate, CancellationToken cancellationToken);

    Task<MachineTemplate?> GetTemplateAsync(string owner, long id, CancellationToken cancellationToken);

    Task<IReadOnlyList<MachineTemplate>> ListTemplatesAsync(string owner, CancellationToken cancellationToken);

    Task<bool> DeleteTemplateAsync(string owner, long id, CancellationToken cancellationToken);
}

/// <summary>The outcome of <see cref="IMachineStore.TransitionMachineAsync"/>: the machine as it now is, and whether it moved.</summary>
public sealed record MachineTransition(Machine Machine, bool Applied);
