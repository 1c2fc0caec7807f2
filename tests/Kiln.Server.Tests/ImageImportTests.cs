using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Kiln.Blobs;
using Kiln.Catalog;
using Kiln.Jobs;
using Kiln.Server.Images;
using Kiln.Server.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Kiln.Server.Tests;

/// <summary>
/// Imports through the real worker in process: files served over HTTP by a loopback server, made with the real
/// qemu-img, inspected with it. Each import runs as its job would, to its end; then what is kept (or not) is checked
/// in the catalog, the blob store and the scratch directory.
/// </summary>
public sealed class ImageImportTests : IClassFixture<ImageImportTests.ImportFixture>
{
    private const string Owner = "admin";
    private readonly ImportFixture _fixture;

    public ImageImportTests(ImportFixture fixture) => _fixture = fixture;

    private ImportingKiln Kiln => _fixture.Kiln;
    private StaticFileServer Files => _fixture.Files;
    private ICatalogStore Catalog => Kiln.Services.GetRequiredService<ICatalogStore>();
    private IBlobStore Blobs => Kiln.Services.GetRequiredService<IBlobStore>();
    private ImageGeneration Generation => Kiln.Services.GetRequiredService<ImageGeneration>();

    [Fact]
    public async Task A_qcow2_served_over_http_is_imported_complete_with_the_bytes_served_and_their_sha256()
    {
        Files.Directory.WriteFile("disk.raw", DiskImages.MbrDisk());
        await DiskImages.QemuImgAsync(Files.Directory.Path, "convert", "-f", "raw", "-O", "qcow2", "disk.raw", "debian-12.qcow2");
        var served = await File.ReadAllBytesAsync(Files.Directory.Combine("debian-12.qcow2"));
        var url = Files.Url("files/debian-12.qcow2");

        var (image, job) = await ImportAsync(url);

        Assert.Equal(ImageState.Complete, image.Status.State);
        Assert.Equal(100, image.Status.Percentage);
        Assert.Equal(JobState.Succeeded, job.State);
        Assert.Equal("qcow2", image.Format);
        Assert.Equal(url.AbsoluteUri, image.Source);
        Assert.Null(image.ApplianceId);
        Assert.Null(image.Definition);
        var artefact = image.Artefact!;
        Assert.Equal($"images/{image.Id}/image.qcow2", artefact.BlobKey);
        Assert.Equal("debian-12.qcow2", artefact.FileName);
        Assert.Equal(served.Length, artefact.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(served)), artefact.Sha256);
        Assert.Equal(DiskImages.MiB, artefact.VirtualSize);
        Assert.Equal(served, await ReadBlobAsync(artefact.BlobKey));
        Assert.Equal(artefact.Sha256, (await Blobs.GetInfoAsync(artefact.BlobKey, default))!.Sha256);
        AssertNoScratchLeft(image.Id);
    }

    [Fact]
    public async Task A_raw_disk_with_an_MBR_is_imported_as_raw_named_after_its_label()
    {
        var disk = DiskImages.MbrDisk(2 * DiskImages.MiB);
        Files.Directory.WriteFile("mbr.raw", disk);

        var (image, _) = await ImportAsync(Files.Url("files/mbr.raw"), new ImageLabel("Web server (prod) / v2", "imported", new Dictionary<string, string>()));

        Assert.Equal(ImageState.Complete, image.Status.State);
        Assert.Equal("raw", image.Format);
        Assert.Equal($"images/{image.Id}/image.img", image.Artefact!.BlobKey);
        Assert.Equal("Web-server-prod-v2.img", image.Artefact.FileName);
        Assert.Equal("Web server (prod) / v2", image.Label.Name);
        Assert.Equal(disk, await ReadBlobAsync(image.Artefact.BlobKey));
        AssertNoScratchLeft(image.Id);
    }

    [Fact]
    public async Task A_raw_disk_with_a_GPT_header_sent_without_a_length_is_imported_as_raw()
    {
        var disk = DiskImages.GptDisk();
        Files.Directory.WriteFile("gpt.img", disk);

        var (image, _) = await ImportAsync(Files.Url("chunked/gpt.img"));

        Assert.True(image.Status.State == ImageState.Complete, image.Status.ErrorMessage);
        Assert.Equal("raw", image.Format);
        Assert.Equal("gpt.img", image.Artefact!.FileName);
        Assert.Equal(disk, await ReadBlobAsync(image.Artefact.BlobKey));
    }

    [Theory]
    [InlineData("vmdk", "subformat=streamOptimized", "vmdk")]
    [InlineData("vmdk", "subformat=monolithicSparse", "vmdk")]
    [InlineData("vdi", null, "vdi")]
    [InlineData("vpc", null, "vhd")]
    [InlineData("vhdx", null, "vhdx")]
    public async Task Each_allowed_format_is_imported_under_Kiln_s_name_for_it(string qemuFormat, string? options, string format)
    {
        var name = $"{qemuFormat}-{options?.Split('=')[1] ?? "default"}";
        Files.Directory.WriteFile($"{name}.raw", DiskImages.MbrDisk());
        List<string> convert = ["convert", "-f", "raw", "-O", qemuFormat];
        if (options is not null)
            convert.AddRange(["-o", options]);
        await DiskImages.QemuImgAsync(Files.Directory.Path, [.. convert, $"{name}.raw", $"{name}.{format}"]);

        var (image, _) = await ImportAsync(Files.Url($"files/{name}.{format}"));

        Assert.True(image.Status.State == ImageState.Complete, $"{image.Status.Message}: {image.Status.ErrorMessage} {image.Status.DetailedError}");
        Assert.Equal(format, image.Format);
        Assert.Equal($"images/{image.Id}/image.{format}", image.Artefact!.BlobKey);
        Assert.Equal($"{name}.{format}", image.Artefact.FileName);
    }

    [Fact]
    public async Task A_qcow2_with_a_backing_file_is_refused_naming_it_and_nothing_is_kept()
    {
        await DiskImages.QemuImgAsync(Files.Directory.Path, "create", "-f", "qcow2", "golden-base.qcow2", "64M");
        await DiskImages.QemuImgAsync(Files.Directory.Path, "create", "-f", "qcow2", "-b", "golden-base.qcow2", "-F", "qcow2", "child.qcow2");

        var (image, job) = await ImportAsync(Files.Url("files/child.qcow2"));

        await AssertRefusedAsync(image, "inspecting", "golden-base.qcow2", "backing file");
        Assert.Equal(JobState.Failed, job.State);
    }

    [Fact]
    public async Task A_qcow2_with_an_external_data_file_is_refused()
    {
        await DiskImages.QemuImgAsync(Files.Directory.Path, "create", "-f", "qcow2", "-o", "data_file=outside.raw", "datafile.qcow2", "64M");

        var (image, _) = await ImportAsync(Files.Url("files/datafile.qcow2"));

        await AssertRefusedAsync(image, "inspecting", "external data file");
    }

    [Fact]
    public async Task A_VMDK_descriptor_whose_disk_is_in_another_file_is_refused()
    {
        await DiskImages.QemuImgAsync(Files.Directory.Path, "create", "-f", "vmdk", "-o", "subformat=monolithicFlat", "flat.vmdk", "10M");

        var (image, _) = await ImportAsync(Files.Url("files/flat.vmdk"));

        await AssertRefusedAsync(image, "inspecting", "VMDK descriptor");
    }

    [Fact]
    public async Task A_VMDK_descriptor_naming_a_host_file_is_refused()
    {
        Files.Directory.WriteFile("passwd.vmdk", DiskImages.DescriptorNaming("/etc/passwd"));

        var (image, _) = await ImportAsync(Files.Url("files/passwd.vmdk"));

        await AssertRefusedAsync(image, "inspecting", "VMDK descriptor");
    }

    [Fact]
    public async Task Random_bytes_are_refused_as_not_a_disk_image()
    {
        Files.Directory.WriteFile("random.qcow2", RandomNumberGenerator.GetBytes(100_000));

        var (image, _) = await ImportAsync(Files.Url("files/random.qcow2"));

        await AssertRefusedAsync(image, "inspecting", "not a disk image Kiln recognizes");
    }

    [Fact]
    public async Task A_raw_file_without_a_partition_table_is_refused_as_not_a_disk_image()
    {
        Files.Directory.WriteFile("text.img", DiskImages.NotADisk());

        var (image, _) = await ImportAsync(Files.Url("files/text.img"));

        await AssertRefusedAsync(image, "inspecting", "not a disk image Kiln recognizes");
    }

    [Fact]
    public async Task A_truncated_qcow2_is_refused_as_corrupt_with_qemu_img_s_words()
    {
        Files.Directory.WriteFile("whole.raw", DiskImages.MbrDisk());
        await DiskImages.QemuImgAsync(Files.Directory.Path, "convert", "-f", "raw", "-O", "qcow2", "whole.raw", "whole.qcow2");
        Files.Directory.WriteFile("truncated.qcow2", (await File.ReadAllBytesAsync(Files.Directory.Combine("whole.qcow2")))[..(64 * 1024)]);

        var (image, _) = await ImportAsync(Files.Url("files/truncated.qcow2"));

        await AssertRefusedAsync(image, "inspecting", "corrupt qcow2");
        Assert.Contains("ERROR", image.Status.DetailedError, StringComparison.Ordinal);
        Assert.DoesNotContain(Kiln.DataDirectory, image.Status.DetailedError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disk_larger_than_MaxImportVirtualBytes_is_refused()
    {
        await DiskImages.QemuImgAsync(Files.Directory.Path, "create", "-f", "qcow2", "sparse-2g.qcow2", "2G");

        var (image, _) = await ImportAsync(Files.Url("files/sparse-2g.qcow2"));

        await AssertRefusedAsync(image, "inspecting", "MaxImportVirtualBytes");
    }

    [Fact]
    public async Task A_URL_answering_404_ends_in_error_naming_the_URL_and_the_status()
    {
        var url = Files.Url("missing");

        var (image, job) = await ImportAsync(url);

        await AssertRefusedAsync(image, "downloading", url.AbsoluteUri, "404");
        Assert.Equal(JobState.Failed, job.State);
    }

    [Fact]
    public async Task An_unreachable_server_ends_in_error_naming_the_URL()
    {
        var url = new Uri($"http://127.0.0.1:{ClosedPort()}/disk.qcow2");

        var (image, _) = await ImportAsync(url);

        await AssertRefusedAsync(image, "downloading", url.AbsoluteUri, "refused");
    }

    [Fact]
    public async Task An_announced_length_over_MaxImportBytes_is_refused_before_downloading()
    {
        var url = Files.Url("huge");

        var (image, _) = await ImportAsync(url);

        await AssertRefusedAsync(image, "downloading", url.AbsoluteUri, "MaxImportBytes");
    }

    [Fact]
    public async Task A_body_without_length_going_over_MaxImportBytes_is_stopped()
    {
        Files.Directory.WriteFile("too-big.img", DiskImages.MbrDisk(ImportFixture.MaxImportBytes + DiskImages.MiB));
        var url = Files.Url("chunked/too-big.img");

        var (image, _) = await ImportAsync(url);

        await AssertRefusedAsync(image, "downloading", url.AbsoluteUri, "MaxImportBytes");
    }

    [Fact]
    public async Task A_server_that_stops_sending_is_given_up_after_the_stall_timeout()
    {
        var url = Files.Url("stall");

        var (image, _) = await ImportAsync(url);

        await AssertRefusedAsync(image, "downloading", url.AbsoluteUri, "sent nothing");
    }

    [Fact]
    public async Task Cancelling_during_the_download_stops_it_and_stores_nothing()
    {
        var abandoned = Files.SlowAbandoned;
        var image = await Generation.ImportAsync(Owner, Files.Url("slow"), ImageLabel.Empty, default);
        var downloading = await WaitForStatusAsync(image.Id, s => s.Message.StartsWith("downloading (", StringComparison.Ordinal) && s.Percentage > 0);
        Assert.EndsWith("of 8 MiB)", downloading.Message, StringComparison.Ordinal);

        await Generation.CancelAsync((await Catalog.GetImageByIdAsync(image.Id, default))!, default);
        var job = await WaitForJobAsync(image.JobId!.Value);

        Assert.Equal(JobState.Cancelled, job.State);
        var cancelled = (await Catalog.GetImageByIdAsync(image.Id, default))!;
        Assert.Equal(ImageState.Cancelled, cancelled.Status.State);
        Assert.Null(cancelled.Artefact);
        await AssertNothingStoredAsync(image.Id);
        AssertNoScratchLeft(image.Id);
        await WaitUntilAsync(() => Files.SlowAbandoned > abandoned, "the server to see the download stop");
    }

    [Fact]
    public async Task Deleting_during_the_download_stops_it_and_leaves_nothing()
    {
        var image = await Generation.ImportAsync(Owner, Files.Url("slow"), ImageLabel.Empty, default);
        await WaitForStatusAsync(image.Id, s => s.Message.StartsWith("downloading (", StringComparison.Ordinal));

        Assert.True(await Generation.DeleteAsync((await Catalog.GetImageByIdAsync(image.Id, default))!, default));
        var job = await WaitForJobAsync(image.JobId!.Value);

        Assert.Equal(JobState.Cancelled, job.State);
        Assert.Null(await Catalog.GetImageByIdAsync(image.Id, default));
        await AssertNothingStoredAsync(image.Id);
        AssertNoScratchLeft(image.Id);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://images.example/disk.qcow2")]
    [InlineData("gopher://images.example/disk.qcow2")]
    [InlineData("images/disk.qcow2")]
    [InlineData("http://user:secret@images.example/disk.qcow2")]
    public async Task A_URL_that_is_not_plain_http_or_https_is_refused_before_anything_is_recorded(string source)
    {
        var before = await Catalog.ListImagesAsync(Owner, null, default);

        var refused = await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            Generation.ImportAsync(Owner, new Uri(source, UriKind.RelativeOrAbsolute), ImageLabel.Empty, default));

        Assert.False(string.IsNullOrWhiteSpace(refused.Message));
        Assert.DoesNotContain("Parameter", refused.Message, StringComparison.Ordinal); // shown to the client as it is
        Assert.DoesNotContain("secret", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before.Select(i => i.Id), (await Catalog.ListImagesAsync(Owner, null, default)).Select(i => i.Id));
    }

    [Fact]
    public void The_download_status_shows_MiB_received_of_the_length_and_fills_up_to_80_percent()
    {
        var status = ImageImportJobHandler.Downloading(3L * DiskImages.MiB, 12L * DiskImages.MiB);
        Assert.Equal((ImageState.Generating, 20, "downloading (3 MiB of 12 MiB)"), (status.State, status.Percentage, status.Message));
        Assert.Equal(80, ImageImportJobHandler.Downloading(12L * DiskImages.MiB, 12L * DiskImages.MiB).Percentage);
        var unknown = ImageImportJobHandler.Downloading(DiskImages.MiB + DiskImages.MiB / 2, null);
        Assert.Equal((0, "downloading (1.5 MiB)"), (unknown.Percentage, unknown.Message));
    }

    [Theory]
    [InlineData(null, "http://h.example/pub/debian-12-genericcloud.qcow2", "debian-12-genericcloud.qcow2")]
    [InlineData(null, "http://h.example/pub/My%20Disk%20(1).vmdk?sig=abc", "My-Disk-1.qcow2")]
    [InlineData(null, "http://h.example/", "image-7.qcow2")]
    [InlineData(null, "http://h.example/..%2F..%2Fetc%2Fpasswd", "etc-passwd.qcow2")]
    [InlineData("../../x", "http://h.example/a.qcow2", "x.qcow2")]
    [InlineData("Été ☃", "http://h.example/a.qcow2", "t.qcow2")]
    [InlineData("☃", "http://h.example/fallback.img", "fallback.qcow2")]
    public void The_file_name_comes_from_the_label_or_the_URL_kept_to_safe_characters(string? label, string url, string expected)
    {
        var image = new Image(7, Owner, null, "", "qcow2", false, null, null, ImageStatus.Queued, null, [], new Stamp(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1))
        {
            Label = new ImageLabel(label, null, new Dictionary<string, string>()),
        };

        Assert.Equal(expected, ImageImportJobHandler.FileName(image, new Uri(url), "qcow2"));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("10.1.2.3", false)]
    [InlineData("192.168.1.10", false)]
    [InlineData("93.184.216.34", false)]
    [InlineData("2001:db8::1", false)]
    public void Imports_tell_this_machine_s_own_and_link_local_addresses(string address, bool local) =>
        Assert.Equal(local, ImageDownload.LocalKind(IPAddress.Parse(address)) is not null);

    [Theory]
    [InlineData("qcow2 v3, external data file", true)]
    [InlineData("qcow2 v3", false)]
    [InlineData("qcow2 v2", false)]
    [InlineData("sparse VMDK, capacity 0 (descriptor inside)", true)]
    [InlineData("sparse VMDK", false)]
    [InlineData("descriptor", true)]
    [InlineData("descriptor after blank lines and CRLF comments", true)]
    [InlineData("MBR disk", false)]
    public void Headers_that_would_make_qemu_img_open_other_files_are_refused_before_it_runs(string header, bool refused)
    {
        var bytes = new byte[4096];
        switch (header)
        {
            case "qcow2 v3, external data file" or "qcow2 v3" or "qcow2 v2":
                new byte[] { (byte)'Q', (byte)'F', (byte)'I', 0xfb }.CopyTo(bytes, 0);
                bytes[7] = header.Contains("v2", StringComparison.Ordinal) ? (byte)2 : (byte)3;
                bytes[79] = header.Contains("external", StringComparison.Ordinal) ? (byte)4 : (byte)1; // bit 0 (dirty) alone is harmless
                break;
            case "sparse VMDK, capacity 0 (descriptor inside)" or "sparse VMDK":
                "KDMV"u8.CopyTo(bytes);
                bytes[4] = 1;
                bytes[13] = header.Contains("capacity 0", StringComparison.Ordinal) ? (byte)0 : (byte)0x50;
                break;
            case "descriptor":
                DiskImages.DescriptorNaming("disk-flat.vmdk").CopyTo(bytes, 0);
                break;
            case "descriptor after blank lines and CRLF comments":
                "\r\n  \r\n# made by hand\r\n\tversion=1\r\nRW 8 FLAT \"/dev/sda\" 0\r\n"u8.CopyTo(bytes);
                break;
            default:
                DiskImages.MbrDisk(4096).CopyTo(bytes, 0);
                break;
        }

        Assert.Equal(refused, ImportedImageInspector.RefuseFromHeader(bytes) is not null);
    }

    [Theory]
    [InlineData("mbr", 1024 * 1024, true)]
    [InlineData("gpt", 1024 * 1024, true)]
    [InlineData("mbr", 1024 * 1024 + 100, false)]
    [InlineData("none", 1024 * 1024, false)]
    public void A_raw_file_is_a_disk_when_it_is_whole_sectors_with_an_MBR_signature_or_a_GPT_header(string table, int size, bool disk)
    {
        var bytes = table switch
        {
            "mbr" => DiskImages.MbrDisk(4096),
            "gpt" => DiskImages.GptDisk(4096),
            _ => DiskImages.NotADisk(4096),
        };

        Assert.Equal(disk, ImportedImageInspector.LooksLikeDisk(bytes, size));
    }

    private async Task<(Image Image, JobInfo Job)> ImportAsync(Uri url, ImageLabel? label = null)
    {
        var image = await Generation.ImportAsync(Owner, url, label ?? ImageLabel.Empty, default);
        Assert.NotNull(image.JobId);
        var job = await WaitForJobAsync(image.JobId.Value);
        return ((await Catalog.GetImageByIdAsync(image.Id, default))!, job);
    }

    /// <summary>An error status: the step in message, each word in errorMessage; nothing in the blob store or the scratch directory.</summary>
    private async Task AssertRefusedAsync(Image image, string step, params string[] mentioned)
    {
        var status = image.Status;
        Assert.True(status.State == ImageState.Error, $"expected an error, got {status}");
        Assert.Equal($"{step} failed", status.Message);
        foreach (var word in mentioned)
            Assert.Contains(word, status.ErrorMessage, StringComparison.Ordinal);
        Assert.Null(image.Artefact);
        await AssertNothingStoredAsync(image.Id);
        AssertNoScratchLeft(image.Id);
    }

    private async Task AssertNothingStoredAsync(long imageId)
    {
        var stored = new List<string>();
        await foreach (var blob in Blobs.ListAsync(ImageImportJob.BlobPrefix(imageId), default))
            stored.Add(blob.Key);
        Assert.Empty(stored);
        Assert.False(Directory.Exists(Path.Combine(Kiln.DataDirectory, "blobs", "images", imageId.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    private void AssertNoScratchLeft(long imageId)
    {
        var builds = Path.Combine(Kiln.DataDirectory, "builds");
        Assert.Empty(Directory.Exists(builds) ? Directory.EnumerateFileSystemEntries(builds, $"{imageId}-*") : []);
    }

    private async Task<byte[]> ReadBlobAsync(string key)
    {
        var blob = await Blobs.OpenReadAsync(key, 0, null, default);
        Assert.NotNull(blob);
        await using (blob)
        {
            using var copy = new MemoryStream();
            await blob.CopyToAsync(copy);
            return copy.ToArray();
        }
    }

    private async Task<JobInfo> WaitForJobAsync(Guid jobId)
    {
        var queue = Kiln.Services.GetRequiredService<IJobQueue>();
        JobInfo? job = null;
        await WaitUntilAsync(async () => (job = await queue.GetAsync(jobId, default))?.State is JobState.Succeeded or JobState.Failed or JobState.Cancelled,
            $"job {jobId} to end");
        return job!;
    }

    private async Task<ImageStatus> WaitForStatusAsync(long imageId, Func<ImageStatus, bool> reached)
    {
        ImageStatus? status = null;
        await WaitUntilAsync(async () => (status = (await Catalog.GetImageByIdAsync(imageId, default))?.Status) is { } s && reached(s),
            $"image {imageId}'s status");
        return status!;
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"waited 60 s for {what}");
            await Task.Delay(50);
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The service with its worker, small import limits, allowed to fetch from loopback (where the test server is); and that server.</summary>
    public sealed class ImportFixture : IAsyncLifetime
    {
        public const int MaxImportBytes = 16 * DiskImages.MiB;

        public ImportingKiln Kiln { get; } = new();

        public StaticFileServer Files { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Files = await StaticFileServer.StartAsync();
            _ = Kiln.Services; // starts the service, its admin and its worker
        }

        public async Task DisposeAsync()
        {
            await Kiln.DisposeAsync();
            await Files.DisposeAsync();
        }
    }

    public sealed class ImportingKiln : KilnFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Kiln:CheckPackages", "false");
            builder.UseSetting("Kiln:BuildConcurrency", "2");
            builder.UseSetting("Kiln:StatusInterval", "00:00:00.2");
            builder.UseSetting("Kiln:HeartbeatInterval", "00:00:00.5");
            builder.UseSetting("Kiln:ImportFromLocalAddresses", "true");
            builder.UseSetting("Kiln:MaxImportBytes", (ImportFixture.MaxImportBytes).ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Kiln:MaxImportVirtualBytes", (1L << 30).ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Kiln:ImportStallTimeout", "00:00:02");
        }
    }
}

/// <summary>With the default settings, an import does not fetch from this machine: a URL to loopback ends in error saying why.</summary>
public sealed class ImageImportFromLocalAddressTests : IClassFixture<KilnFactory>
{
    private readonly KilnFactory _kiln;

    public ImageImportFromLocalAddressTests(KilnFactory kiln) => _kiln = kiln;

    [Theory]
    [InlineData("http://127.0.0.1:{0}/files/disk.qcow2", "loopback")]
    [InlineData("http://localhost:{0}/files/disk.qcow2", "loopback")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "link-local")]
    public async Task An_import_from_this_machine_s_own_or_link_local_addresses_is_refused_by_default(string template, string kind)
    {
        await using var files = await StaticFileServer.StartAsync();
        files.Directory.WriteFile("disk.qcow2", DiskImages.MbrDisk());
        var url = new Uri(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, files.BaseAddress.Port));
        var generation = _kiln.Services.GetRequiredService<ImageGeneration>();
        var catalog = _kiln.Services.GetRequiredService<ICatalogStore>();

        var image = await generation.ImportAsync("admin", url, ImageLabel.Empty, default);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((image = await catalog.GetImageByIdAsync(image.Id, default))!.Status is { IsFinal: false } && DateTime.UtcNow < deadline)
            await Task.Delay(50);

        Assert.Equal(ImageState.Error, image.Status.State);
        Assert.Contains(kind, image.Status.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Kiln:ImportFromLocalAddresses", image.Status.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, files.Requests);
    }
}
