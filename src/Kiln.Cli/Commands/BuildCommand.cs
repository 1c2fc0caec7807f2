using System.CommandLine;
using System.Text.Json;
using Kiln.Builder;
using Kiln.Builder.Appliances;
using Kiln.Builder.Formats;

namespace Kiln.Cli.Commands;

/// <summary><c>kiln build APPLIANCE.json --format FMT[,FMT...] --output DIR</c>.</summary>
internal static class BuildCommand
{
    public const int ExitInvalid = 2;
    public const int ExitFailed = 1;
    public const int ExitCancelled = 130;

    public static Command Create()
    {
        var appliance = new Argument<FileInfo>("appliance") { Description = "The appliance definition (JSON, UForge appliance and install profile names)." };
        var format = new Option<string>("--format", "-f")
        {
            Description = $"Formats to build, comma-separated: {string.Join(", ", TargetFormats.All)}. One disk is built and converted to each.",
            Required = true,
        };
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = "Directory for the artefacts (created if missing).", Required = true };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace artefacts of the same name already in the output directory." };
        var mirror = new Option<string?>("--mirror") { Description = "Debian mirror to bootstrap from (default: this machine's APT sources)." };
        var cache = new Option<DirectoryInfo>("--cache")
        {
            Description = "Base tree cache, shared by builds and kept across runs; $KILN_CACHE_DIR sets the default.",
            DefaultValueFactory = _ => new DirectoryInfo(Environment.GetEnvironmentVariable("KILN_CACHE_DIR") ?? "/var/cache/kiln"),
        };
        var cacheSize = new Option<long>("--cache-size")
        {
            Description = "Cache bound in MB; least recently used base trees are evicted beyond it.",
            DefaultValueFactory = _ => 20 * 1024,
        };
        var work = new Option<DirectoryInfo>("--work-dir")
        {
            Description = "Scratch space for running builds, emptied when each ends; $KILN_WORK_DIR sets the default.",
            DefaultValueFactory = _ => new DirectoryInfo(Environment.GetEnvironmentVariable("KILN_WORK_DIR") ?? "/var/tmp/kiln"),
        };
        var jobs = new Option<int>("--jobs", "-j")
        {
            Description = "Conversions to run at once (the default is the number of cores).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var report = new Option<FileInfo?>("--report") { Description = "Also write the build report (artefacts, sha256, cache use, stage times) as JSON to this file." };

        var command = new Command("build", "Build an appliance into machine images.")
        {
            appliance, format, output, overwrite, mirror, cache, cacheSize, work, jobs, report,
        };
        command.SetAction(async (parse, _) =>
        {
            var options = new BuilderOptions
            {
                CacheDirectory = parse.GetValue(cache)!.FullName,
                CacheMaxBytes = parse.GetValue(cacheSize) * 1024 * 1024,
                WorkDirectory = parse.GetValue(work)!.FullName,
                Mirror = parse.GetValue(mirror),
                MaxParallelConversions = Math.Max(1, parse.GetValue(jobs)),
            };
            var formats = parse.GetValue(format)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return await RunAsync(parse.GetValue(appliance)!, formats, parse.GetValue(output)!, parse.GetValue(overwrite), options,
                parse.GetValue(report)).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(FileInfo applianceFile, string[] formats, DirectoryInfo output, bool overwrite,
        BuilderOptions options, FileInfo? reportFile)
    {
        using var termination = new Termination();
        try
        {
            var definition = await ApplianceReader.ReadFileAsync(applianceFile.FullName, termination.Token).ConfigureAwait(false);
            var request = new BuildRequest(definition, formats, output.FullName) { Overwrite = overwrite };
            var builder = new ImageBuilder(options);
            var result = await BuildProgressView.RunAsync(builder, request, termination.Token).ConfigureAwait(false);
            BuildSummary.Write(result);
            if (reportFile is not null)
            {
                // The peak resident memory of this process (VmHWM): the figure the benchmark records.
                var written = new { build = result, peakMemoryBytes = PeakMemoryBytes() };
                await File.WriteAllTextAsync(reportFile.FullName, JsonSerializer.Serialize(written, ReportJson), CancellationToken.None).ConfigureAwait(false);
            }
            return 0;
        }
        catch (ApplianceValidationException e)
        {
            // Plain lines on stderr: never wrapped, one problem per line for people and scripts alike.
            Console.Error.WriteLine($"The appliance cannot be built ({applianceFile.Name}):");
            foreach (var error in e.Errors)
                Console.Error.WriteLine($"  {error.Field}: {error.Message}");
            return ExitInvalid;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("Build cancelled; partial files removed.");
            return ExitCancelled;
        }
        catch (BuildFailedException e)
        {
            Console.Error.WriteLine($"Build failed at {e.Stage}: {e.InnerException?.Message ?? e.Message}");
            return ExitFailed;
        }
    }

    private static long PeakMemoryBytes()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.PeakWorkingSet64;
    }

    private static readonly JsonSerializerOptions ReportJson = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
}
