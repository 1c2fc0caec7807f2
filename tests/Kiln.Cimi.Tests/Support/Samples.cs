namespace Kiln.Cimi.Tests.Support;

/// <summary>Documents with every attribute set, and the seed's images as Kiln would describe them.</summary>
internal static class Samples
{
    public const string Base = "http://localhost:3001/cimi/";

    public static readonly DateTimeOffset Created = new(2012, 12, 28, 16, 23, 35, TimeSpan.FromHours(2));

    public static CloudEntryPoint EntryPoint => new()
    {
        Id = Base + "cloudEntryPoint",
        Name = "kiln",
        Description = "Kiln machine images",
        Created = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero),
        Updated = new DateTimeOffset(2024, 1, 3, 3, 4, 5, TimeSpan.Zero),
        BaseUri = Base,
        // Deliberately not in the xsd's order: the writer puts them in it.
        Collections = new Dictionary<string, string>
        {
            [CimiCollections.Jobs] = Base + "jobs",
            [CimiCollections.MachineImages] = Base + "machine_images",
            [CimiCollections.Machines] = Base + "machines",
        },
        Driver = "kiln",
        Provider = "kiln",
    };

    public static MachineImage FullImage => new()
    {
        Id = Base + "machine_images/web",
        Name = "web",
        Description = "Debian web server",
        Created = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero),
        Updated = new DateTimeOffset(2024, 5, 6, 8, 8, 9, TimeSpan.Zero),
        Properties = [new("format", "qcow2"), new("arch", "x86_64")],
        State = MachineImageState.Available,
        Type = MachineImageType.Snapshot,
        ImageLocation = Base + "images/web.qcow2",
        RelatedImage = Base + "machine_images/base",
        Operations = [new("edit", Base + "machine_images/web"), new("delete", Base + "machine_images/web")],
    };

    public static Job FullJob => new()
    {
        Id = Base + "jobs/7",
        Name = "capture web",
        Description = "Making the image web",
        Created = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero),
        Updated = new DateTimeOffset(2024, 5, 6, 7, 9, 9, TimeSpan.Zero),
        Properties = [new("builder", "qemu")],
        State = JobState.Running,
        TargetResource = Base + "machine_images/web",
        AffectedResources = [Base + "machines/inst1", Base + "machines/inst2"],
        Action = "add",
        ReturnCode = 0,
        Progress = 40,
        StatusMessage = "installing packages",
        TimeOfStatusChange = new DateTimeOffset(2024, 5, 6, 7, 9, 9, TimeSpan.Zero),
        IsCancellable = true,
        ParentJob = Base + "jobs/6",
        NestedJobs = [Base + "jobs/8", Base + "jobs/9"],
        Operations = [new("delete", Base + "jobs/7")],
    };

    public static MachineImageCollection FullImages => new()
    {
        Id = Base + "machine_images",
        Count = 2,
        Entries = [FullImage, FullImage with { Id = Base + "machine_images/db", Name = "db" }],
        Operations = [new("add", Base + "machine_images")],
    };

    public static JobCollection FullJobs => new()
    {
        Id = Base + "jobs",
        Count = 2,
        Entries = [FullJob, FullJob with { Id = Base + "jobs/8", State = JobState.Success, Progress = 100 }],
    };

    /// <summary>The seed's img1..img3, as Kiln's documents.</summary>
    public static MachineImage SeedImage(string name, string description, DateTimeOffset created) => new()
    {
        Id = Base + "machine_images/" + name,
        Name = name,
        Description = description,
        Created = created,
        State = MachineImageState.Available,
        Type = MachineImageType.Image,
        ImageLocation = "mock://" + name,
    };

    public static MachineImageCollection SeedCollection => new()
    {
        Id = Base + "machine_images",
        Count = 3,
        Entries = [SeedImage("img1", "Fedora 10", Created), SeedImage("img2", "Fedora 10", Created), SeedImage("img3", "JBoss", Created)],
        Operations = [new("add", Base + "machine_images")],
    };

    /// <summary>Every kind of document Kiln writes, fully populated, by name.</summary>
    public static TheoryData<string> Kinds => ["CloudEntryPoint", "MachineImage", "MachineImageCollection", "Job", "JobCollection"];

    public static object Full(string kind) => kind switch
    {
        "CloudEntryPoint" => EntryPoint,
        "MachineImage" => FullImage,
        "MachineImageCollection" => FullImages,
        "Job" => FullJob,
        "JobCollection" => FullJobs,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
