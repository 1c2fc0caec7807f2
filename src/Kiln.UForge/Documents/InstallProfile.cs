namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>InstallProfile</c>. Root element <c>installProfile</c>. Describes the installation profile of
/// an appliance template.
/// Not modelled (Kiln neither sends nor reads them; unknown elements are skipped when reading): nics (a list of
/// Nic), partitionTable (PartitionTable).
/// </summary>
public sealed class InstallProfile : UForgeObject
{
    public string? ActivationKey { get; set; }
    public string? ApplianceUri { get; set; }
    public long? DiskSize { get; set; }
    public bool? FirewallAuto { get; set; }
    public bool? FirewallEnabled { get; set; }
    public List<OSGroup>? Groups { get; set; }
    public string? GroupsUri { get; set; }
    public string? HwType { get; set; }
    public bool? InternetSettingsAuto { get; set; }
    public string? KernelParameters { get; set; }
    /// <summary>One of the 70 values the xsd allows, e.g. ar-azerty, ar-azerty-digits, ar-digits, ar-qwerty.</summary>
    public string? Keyboard { get; set; }
    public bool? KeyboardAuto { get; set; }
    public long? MemorySize { get; set; }
    public string? NicsUri { get; set; }
    public bool? PartitionAuto { get; set; }
    public OSUser? RootUser { get; set; }
    public bool? RunSysprep { get; set; }
    public bool? SkipLicenses { get; set; }
    public long? SwapSize { get; set; }
    public string? Timezone { get; set; }
    public bool? TimezoneAuto { get; set; }
    public string? TimezoneCity { get; set; }
    public bool? UpdateTools { get; set; }
    public string? Uri { get; set; }
    public List<OSUser>? Users { get; set; }
    public string? UsersUri { get; set; }
    public string? VagrantUser { get; set; }
    public string? WelcomeMsg { get; set; }
    /// <summary>One of disabled, permissive, enforcing (the xsd restricts the values).</summary>
    public string? SeLinuxMode { get; set; }
}
