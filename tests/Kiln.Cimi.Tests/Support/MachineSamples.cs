namespace Kiln.Cimi.Tests.Support;

/// <summary>Machines, their disks, configurations and templates with every attribute set, and their collections.</summary>
internal static class MachineSamples
{
    private const string Base = Samples.Base;

    public static Machine FullMachine => new()
    {
        Id = Base + "machines/m1",
        Name = "web1",
        Description = "The first web server",
        Created = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero),
        Updated = new DateTimeOffset(2024, 5, 6, 8, 8, 9, TimeSpan.Zero),
        Properties = [new("owner", "ops"), new("tier", "front")],
        State = MachineState.Started,
        Cpu = 2,
        Memory = 2_097_152,
        Disks = Base + "machines/m1/disks",
        CpuArch = "x86_64",
        Operations =
        [
            new("edit", Base + "machines/m1"),
            new("delete", Base + "machines/m1"),
            new(CimiUris.StopAction, Base + "machines/m1/stop"),
            new(CimiUris.CaptureAction, Base + "machine_images"),
        ],
    };

    public static Disk FullDisk => new()
    {
        Id = Base + "machines/m1/disks/0",
        Capacity = 10_485_760,
        InitialLocation = "/dev/vda",
    };

    public static MachineConfiguration FullConfiguration => new()
    {
        Id = Base + "machine_configurations/small",
        Name = "small",
        Description = "One CPU, 1 GiB",
        Created = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero),
        Updated = new DateTimeOffset(2024, 5, 6, 8, 8, 9, TimeSpan.Zero),
        Properties = [new("hypervisor", "kvm")],
        Cpu = 1,
        Memory = 1_048_576,
        Disks = [new(10_485_760, "ext4", "/dev/vda"), new(1_048_576, "swap")],
        CpuArch = "x86_64",
        Operations = [new("edit", Base + "machine_configurations/small"), new("delete", Base + "machine_configurations/small")],
    };

    public static MachineTemplate FullTemplate => new()
    {
        Id = Base + "machine_templates/web",
        Name = "web",
        Description = "A small web server",
        Created = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero),
        Updated = new DateTimeOffset(2024, 5, 6, 8, 8, 9, TimeSpan.Zero),
        Properties = [new("team", "web")],
        InitialState = "STARTED",
        MachineConfig = Base + "machine_configurations/small",
        MachineImage = Base + "machine_images/web",
        Operations = [new("edit", Base + "machine_templates/web"), new("delete", Base + "machine_templates/web")],
    };

    public static MachineCollection FullMachines => new()
    {
        Id = Base + "machines",
        Count = 2,
        Entries = [FullMachine, FullMachine with { Id = Base + "machines/m2", Name = "web2", State = MachineState.Stopped }],
        Operations = [new("add", Base + "machines")],
    };

    public static DiskCollection FullDisks => new()
    {
        Id = Base + "machines/m1/disks",
        Count = 2,
        Entries = [FullDisk, new Disk { Id = Base + "machines/m1/disks/1", Capacity = 1_048_576, InitialLocation = "/dev/vdb" }],
    };

    public static MachineConfigurationCollection FullConfigurations => new()
    {
        Id = Base + "machine_configurations",
        Count = 2,
        Entries = [FullConfiguration, FullConfiguration with { Id = Base + "machine_configurations/large", Name = "large", Cpu = 8 }],
        Operations = [new("add", Base + "machine_configurations")],
    };

    public static MachineTemplateCollection FullTemplates => new()
    {
        Id = Base + "machine_templates",
        Count = 2,
        Entries = [FullTemplate, FullTemplate with { Id = Base + "machine_templates/db", Name = "db" }],
        Operations = [new("add", Base + "machine_templates")],
    };

    /// <summary>Every new kind of document, fully populated, by name.</summary>
    public static TheoryData<string> Kinds =>
    [
        "Machine", "MachineCollection", "Disk", "DiskCollection", "MachineConfiguration", "MachineConfigurationCollection",
        "MachineTemplate", "MachineTemplateCollection",
    ];

    public static TheoryData<string> SingleKinds => ["Machine", "Disk", "MachineConfiguration", "MachineTemplate"];

    public static TheoryData<string> CollectionKinds =>
        ["MachineCollection", "DiskCollection", "MachineConfigurationCollection", "MachineTemplateCollection"];

    public static object Full(string kind) => kind switch
    {
        "Machine" => FullMachine,
        "MachineCollection" => FullMachines,
        "Disk" => FullDisk,
        "DiskCollection" => FullDisks,
        "MachineConfiguration" => FullConfiguration,
        "MachineConfigurationCollection" => FullConfigurations,
        "MachineTemplate" => FullTemplate,
        "MachineTemplateCollection" => FullTemplates,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
