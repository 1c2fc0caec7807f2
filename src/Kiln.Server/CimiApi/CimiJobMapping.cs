using Kiln.Catalog;
using Kiln.Cimi;
using Kiln.Jobs;
using JobState = Kiln.Cimi.JobState;
using QueueState = Kiln.Jobs.JobState;

namespace Kiln.Server.CimiApi;

/// <summary>
/// The queue's jobs that build or import an image, as CIMI Jobs: their target is the MachineImage they make, their
/// progress and message the image's status; a running one can be cancelled with DELETE.
/// </summary>
internal static class CimiJobMapping
{
    public const string AddAction = "http://schemas.dmtf.org/cimi/1/action/add";

    public static readonly IReadOnlySet<string> Attributes = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "name", "description", "created", "updated", "properties", "state", "targetResource", "affectedResources", "action",
        "returnCode", "progress", "statusMessage", "timeOfStatusChange", "isCancellable", "parentJob", "nestedJobs", "operations",
    };

    public static Job ToDocument(JobInfo job, Image image, CimiLinks links)
    {
        var id = links.Job(job.Id);
        var state = StateOf(job, image);
        var running = state == JobState.Running;
        return new Job
        {
            Id = id,
            Name = $"{job.Type switch { "image-import" => "import", "image-capture" => "capture", _ => "build" }} of image {image.Id}",
            Created = job.EnqueuedAt,
            Updated = job.FinishedAt ?? job.StartedAt ?? job.EnqueuedAt,
            State = state,
            TargetResource = links.MachineImage(image.Id),
            // A capture also touches the machine it copies (CAPTURING until the job ends).
            AffectedResources = job.Type == Machines.MachineCapture.JobType && Machines.MachineCapture.MachineIdOf(image) is { } machine
                ? [links.MachineImage(image.Id), links.Machine(machine)]
                : [links.MachineImage(image.Id)],
            Action = AddAction,
            ReturnCode = state switch { JobState.Success => 0, JobState.Running => null, _ => 1 },
            Progress = state == JobState.Success ? 100 : Math.Clamp(image.Status.Percentage, 0, 100),
            StatusMessage = image.Status.ErrorMessage is { } error ? $"{image.Status.Message}: {error}" : image.Status.Message,
            TimeOfStatusChange = image.Stamp.LastModified > (job.FinishedAt ?? job.EnqueuedAt) ? image.Stamp.LastModified : job.FinishedAt ?? job.EnqueuedAt,
            IsCancellable = running,
            Operations = running ? [new CimiOperation("delete", id)] : [],
        };
    }

    /// <summary>The image's status decides when the job's own record lags (a cancelled image whose worker has not stopped yet).</summary>
    public static JobState StateOf(JobInfo job, Image image) => image.Status.State switch
    {
        ImageState.Complete => JobState.Success,
        ImageState.Cancelled => JobState.Cancelled,
        ImageState.Error => JobState.Failed,
        _ => job.State switch
        {
            QueueState.Succeeded => JobState.Success,
            QueueState.Failed => JobState.Failed,
            QueueState.Cancelled => JobState.Cancelled,
            _ => JobState.Running,
        },
    };

    public static Cimi.Query.ICimiQueryable Queryable(Job job) => new Cimi.Query.CimiQueryable(
        name => name switch
        {
            "id" => CimiValues.Of(job.Id),
            "name" => CimiValues.Of(job.Name),
            "created" => CimiValues.Of(job.Created),
            "updated" => CimiValues.Of(job.Updated),
            "state" => CimiValues.Of(job.State is { } state ? CimiWireNames.Of(state) : null),
            "targetResource" => CimiValues.Of(job.TargetResource),
            "action" => CimiValues.Of(job.Action),
            "progress" => CimiValues.Of((long?)job.Progress),
            "statusMessage" => CimiValues.Of(job.StatusMessage),
            "timeOfStatusChange" => CimiValues.Of(job.TimeOfStatusChange),
            "isCancellable" => CimiValues.Of(job.IsCancellable),
            _ => null,
        });
}
