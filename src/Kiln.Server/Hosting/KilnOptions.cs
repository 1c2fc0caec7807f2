namespace Kiln.Server.Hosting;

/// <summary>The service's settings (configuration section "Kiln", or KILN_ environment variables).</summary>
public sealed class KilnOptions
{
    /// <summary>Catalog database, artefacts and caches of the embedded deployment.</summary>
    public string DataDirectory { get; set; } = "var";

    /// <summary>The admin's password on first start; generated, printed and kept in initial-admin-password when not set.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>Largest request body accepted (documents are small; images are never uploaded here).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The UForge API version clients compare with theirs at start (hammr reads serviceStatus.version).</summary>
    public string UForgeApiVersion { get; set; } = "3.8.13";

    /// <summary>Base trees shared by builds; defaults to cache/ under the data directory.</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>Bound of the base tree cache, in MiB.</summary>
    public long CacheSizeMiB { get; set; } = 20 * 1024;

    /// <summary>Debian mirror builds bootstrap from; null: this machine's APT sources.</summary>
    public string? Mirror { get; set; }

    /// <summary>Builds run at once by this process; the rest wait in the queue, in order. 0: this process serves the API only and another process builds.</summary>
    public int BuildConcurrency { get; set; } = 1;

    /// <summary>How long a worker's lease on a build lasts without a heartbeat: after a crash, the build is retried this long after.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a running build renews its lease (and hears of a cancel through the queue).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a running build writes its progress and checks whether its image was cancelled or deleted.</summary>
    public TimeSpan StatusInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often unfinished images are checked against their jobs.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a download id stays valid (it is single-use).</summary>
    public TimeSpan DownloadTicketLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Check an appliance's packages against the release's signed package index before building (needs the mirror).</summary>
    public bool CheckPackages { get; set; } = true;

    /// <summary>Largest file an import may download, in bytes (a larger Content-Length is refused before the download, a longer body stopped).</summary>
    public long MaxImportBytes { get; set; } = 64L * 1024 * 1024 * 1024;

    /// <summary>Largest disk an imported image may describe (its virtual size), in bytes.</summary>
    public long MaxImportVirtualBytes { get; set; } = 2L * 1024 * 1024 * 1024 * 1024;

    /// <summary>How long an import's download may go without receiving a byte (headers included) before it fails.</summary>
    public TimeSpan ImportStallTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Let imports fetch from this machine's own and link-local addresses (127.0.0.0/8, ::1, 0.0.0.0, 169.254.0.0/16
    /// with cloud metadata services, fe80::/10). Off by default, so a user cannot make the service reach what only it
    /// can reach; private networks (10/8, 192.168/16, ...) are always allowed.
    /// </summary>
    public bool ImportFromLocalAddresses { get; set; }

    /// <summary>Machines this process runs at once (started, starting or stopping); starting one more answers 409.</summary>
    public int MaxRunningMachines { get; set; } = 4;

    /// <summary>QEMU's accelerator for machines: auto (KVM where /dev/kvm can be opened, else TCG emulation), kvm or tcg.</summary>
    public string MachineAccelerator { get; set; } = "auto";

    /// <summary>How long a stop waits for the guest to power off after the ACPI power button before QEMU is killed.</summary>
    public TimeSpan MachineStopTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long QEMU may take to answer on its control socket once started.</summary>
    public TimeSpan MachineStartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest memory a machine may have, in MiB.</summary>
    public int MaxMachineMemoryMiB { get; set; } = 16 * 1024;

    /// <summary>Most virtual CPUs a machine may have.</summary>
    public int MaxMachineCpu { get; set; } = 16;

    /// <summary>Largest disk a machine may have, in bytes (its copy-on-write disk grows only as the guest writes).</summary>
    public long MaxMachineDiskBytes { get; set; } = 2L * 1024 * 1024 * 1024 * 1024;

    public string BlobDirectory => Path.Combine(DataDirectory, "blobs");

    /// <summary>Each machine's disk, console and control socket, under machines/{id}.</summary>
    public string MachinesDirectory => Path.Combine(DataDirectory, "machines");

    public string BuildsDirectory => Path.Combine(DataDirectory, "builds");

    public string WorkDirectory => Path.Combine(DataDirectory, "work");
}
