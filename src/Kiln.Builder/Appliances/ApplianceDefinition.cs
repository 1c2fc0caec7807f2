namespace Kiln.Builder.Appliances;

/// <summary>
/// What the user asked for, in UForge's words: an appliance with an OS profile, an install profile and boot scripts.
/// Read from JSON by <see cref="ApplianceReader"/>; checked by <see cref="ApplianceValidator"/> before any tool runs.
/// </summary>
public sealed record ApplianceDefinition
{
    public string Name { get; init; } = "";
    public string Version { get; init; } = "1.0";
    public string? Description { get; init; }
    public OsProfileSpec Os { get; init; } = new();
    public InstallProfile InstallProfile { get; init; } = new();
    public IReadOnlyList<BootScript> BootScripts { get; init; } = [];

    /// <summary><c>bios</c> or <c>uefi</c>.</summary>
    public string Boot { get; init; } = "bios";
}

public sealed record OsProfileSpec
{
    public string Distribution { get; init; } = "";
    public string Release { get; init; } = "";
    public string Arch { get; init; } = "x86_64";
    public string Profile { get; init; } = "minimal";
    public IReadOnlyList<string> Packages { get; init; } = [];
}

public sealed record InstallProfile
{
    /// <summary>Disk size in MB (MiB).</summary>
    public int DiskSize { get; init; } = 2048;

    /// <summary>Swap size in MB (MiB); 0 means no swap partition.</summary>
    public int SwapSize { get; init; }

    /// <summary>Memory of the virtual machine in MB, written into packaged descriptors (OVF).</summary>
    public int MemorySize { get; init; } = 1024;

    /// <summary>Virtual CPUs written into packaged descriptors (OVF).</summary>
    public int CpuCount { get; init; } = 1;

    public string Hostname { get; init; } = "localhost";
    public string Timezone { get; init; } = "Etc/UTC";
    public string Keyboard { get; init; } = "us";
    public RootUser RootUser { get; init; } = new();
    public IReadOnlyList<UserAccount> Users { get; init; } = [];
    public string? KernelParameters { get; init; }
    public string? WelcomeMsg { get; init; }
}

public sealed record RootUser
{
    /// <summary>Plain text, or a crypt(3) hash starting with <c>$</c>. Null leaves root locked.</summary>
    public string? Password { get; init; }
    public IReadOnlyList<string> SshKeys { get; init; } = [];
}

public sealed record UserAccount
{
    public string Name { get; init; } = "";
    public string? FullName { get; init; }

    /// <summary>Plain text, or a crypt(3) hash starting with <c>$</c>. Null leaves the password locked.</summary>
    public string? Password { get; init; }
    public IReadOnlyList<string> SshKeys { get; init; } = [];
    public bool Sudo { get; init; }
    public IReadOnlyList<string> Groups { get; init; } = [];
    public string Shell { get; init; } = "/bin/bash";
}

/// <summary>A shell script run by the image itself, at first boot only or at every boot (UForge's bootScripts).</summary>
public sealed record BootScript
{
    public string Name { get; init; } = "";

    /// <summary><c>firstboot</c> or <c>everyboot</c>.</summary>
    public string Type { get; init; } = "firstboot";
    public string Script { get; init; } = "";
}
